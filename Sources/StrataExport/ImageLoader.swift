import Foundation
import StrataArchive
import StrataOCI
import StrataStore
import StrataSupport

/// `strata load`: reads what `docker save` writes (both the `<hex>.json` + `<id>/layer.tar`
/// layout of Docker < 25 and the OCI-based layout of Docker 25+) and OCI image layout tars,
/// optionally gzipped, into the content store, and tags the images.
///
/// The archive is read once, front to back: every regular file streams into the store as a
/// blob (never whole in memory), small metadata files stay in memory (see `IngestedArchive`).
/// Only then are manifest.json or index.json interpreted, so entry order does not matter.
/// Every layer's uncompressed digest is checked against the config's `rootfs.diff_ids`
/// before the config, the manifest or any tag is written.
public struct ImageLoader: Sendable {
    public let store: ContentStore
    public let index: ImageIndexStore

    public init(store: ContentStore) {
        self.store = store
        self.index = ImageIndexStore(store: store)
    }

    /// Loads every image in the archive at `archive` (a tar, gzipped or not, or an unpacked
    /// OCI layout directory such as `skopeo copy … oci:DIR` writes); `name` tags an image the archive does
    /// not name (an OCI layout whose ref.name is only a tag), or replaces the tag of a single image.
    @discardableResult
    public func load(archive: URL, name: ImageReference? = nil) throws -> [LoadedImage] {
        let label = archive.lastPathComponent
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: archive.path, isDirectory: &isDirectory)
        let archiveContents = exists && isDirectory.boolValue
            ? try ingest(directory: archive, label: label) : try ingest(archive: archive, label: label)
        var images: [LoadedImage]
        if archiveContents.contains("index.json") {
            images = try loadOCILayout(archiveContents)
        } else if archiveContents.contains("manifest.json") {
            images = try loadDockerArchive(archiveContents)
        } else {
            throw ExportError.notAnImageArchive(archive: label)
        }
        if let name {
            let reference = name.withDefaultTag
            for i in images.indices where images[i].names.isEmpty || images.count == 1 {
                images[i].names = [reference.description]
            }
        }
        for image in images {
            for name in image.names {
                try index.tag(ImageReference(parsing: name), manifest: image.manifest, config: image.config)
            }
        }
        return images
    }

    /// Checks each layer's uncompressed digest against the config's diff_ids.
    /// `known` remembers layers already hashed in this load, so a layer shared by several
    /// images is decompressed once.
    func verifyDiffIDs(layers: [Digest], config: ImageConfig, label: String, known: inout [Digest: Digest]) throws {
        guard layers.count == config.diffIDs.count else {
            throw ExportError.layerCountMismatch(archive: label, layers: layers.count, diffIDs: config.diffIDs.count)
        }
        for (layer, expected) in zip(layers, config.diffIDs) {
            let actual = try known[layer] ?? LayerDigests.diffID(of: layer, in: store)
            known[layer] = actual
            guard actual == expected else {
                throw ExportError.diffIDMismatch(archive: label, layer: layer, expected: expected, actual: actual)
            }
        }
    }
}
