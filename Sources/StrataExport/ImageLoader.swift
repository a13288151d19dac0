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
/// blob (never whole in memory), remembered by its entry path. Only then are manifest.json
/// or index.json interpreted, so entry order does not matter. Files that turn out not to be
/// part of any image are removed again. Every layer's uncompressed digest is checked against
/// the config's `rootfs.diff_ids` before anything is tagged.
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
        let (entries, added) = exists && isDirectory.boolValue
            ? try ingest(directory: archive, label: label) : try ingest(archive: archive, label: label)
        var keep: Set<Digest> = []
        var images: [LoadedImage] = []
        do {
            let context = Context(label: label, entries: entries)
            if entries["index.json"] != nil {
                images = try loadOCILayout(context, keep: &keep)
            } else if entries["manifest.json"] != nil {
                images = try loadDockerArchive(context, keep: &keep)
            } else {
                throw ExportError.notAnImageArchive(archive: label)
            }
        } catch {
            for digest in added { try? store.remove(digest) }
            throw error
        }
        for digest in added where !keep.contains(digest) { try? store.remove(digest) }
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

    /// What the archive held: entry path (without `./`) → blob.
    struct Context {
        let label: String
        let entries: [String: Digest]

        func digest(of path: String) throws -> Digest {
            guard let digest = entries[ImageLoader.normalise(path)] else {
                throw ExportError.missingEntry(archive: label, entry: path)
            }
            return digest
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ context: Context, entry: String) throws -> T {
        let digest = try context.digest(of: entry)
        guard try store.size(of: digest) <= ContentStore.jsonLimit else {
            throw ExportError.malformedEntry(archive: context.label, entry: entry, detail: "larger than \(ContentStore.jsonLimit) bytes")
        }
        let bytes = try store.get(digest)
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw ExportError.malformedEntry(archive: context.label, entry: entry, detail: "\(error)")
        }
    }

    /// Checks each layer's uncompressed digest against the config's diff_ids.
    func verifyDiffIDs(layers: [Digest], config: ImageConfig, label: String) throws {
        guard layers.count == config.diffIDs.count else {
            throw ExportError.layerCountMismatch(archive: label, layers: layers.count, diffIDs: config.diffIDs.count)
        }
        for (layer, expected) in zip(layers, config.diffIDs) {
            let actual = try LayerDigests.diffID(of: layer, in: store)
            guard actual == expected else {
                throw ExportError.diffIDMismatch(archive: label, layer: layer, expected: expected, actual: actual)
            }
        }
    }
}
