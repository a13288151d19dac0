import Foundation
import StrataOCI
import StrataStore
import StrataSupport

extension ImageLoader {
    /// `manifest.json` as Docker < 25 writes it: the config under `<hex>.json`, layers as
    /// `<id>/layer.tar`. Strata writes an OCI manifest for each image (the archive has none),
    /// with the layers as given: `tar+gzip` when a layer is compressed, `tar` when not.
    func loadDockerArchive(_ context: Context, keep: inout Set<Digest>) throws -> [LoadedImage] {
        let entries = try decode([DockerArchiveManifest].self, context, entry: "manifest.json")
        var images: [LoadedImage] = []
        for entry in entries {
            let configDigest = try context.digest(of: entry.config)
            let config = try decodeConfig(configDigest, context, entry: entry.config)
            var layers: [Descriptor] = []
            for path in entry.layers {
                let digest = try context.digest(of: path)
                let gzip = try LayerDigests.isGzip(digest, in: store)
                layers.append(Descriptor(mediaType: gzip ? MediaType.ociLayerGzip : MediaType.ociLayer, digest: digest, size: try store.size(of: digest)))
            }
            try verifyDiffIDs(layers: layers.map(\.digest), config: config, label: context.label)
            let configDescriptor = Descriptor(mediaType: MediaType.ociConfig, digest: configDigest, size: try store.size(of: configDigest))
            let manifest = try store.putJSON(ImageManifest(config: configDescriptor, layers: layers), mediaType: MediaType.ociManifest)
            keep.formUnion([configDigest, manifest.digest] + layers.map(\.digest))
            let names = try (entry.repoTags ?? []).map { try ImageReference(parsing: $0).withDefaultTag.description }
            images.append(LoadedImage(manifest: manifest.digest, config: configDigest, names: names))
        }
        return images
    }

    func decodeConfig(_ digest: Digest, _ context: Context, entry: String) throws -> ImageConfig {
        do { return try store.config(digest) } catch OCIError.malformedJSON(_, _, let detail) {
            throw ExportError.malformedEntry(archive: context.label, entry: entry, detail: detail)
        }
    }
}
