import Foundation
import StrataOCI
import StrataStore
import StrataSupport

extension ImageLoader {
    /// `manifest.json` as Docker < 25 writes it: the config under `<hex>.json`, layers as
    /// `<id>/layer.tar`. Strata writes an OCI manifest for each image (the archive has none),
    /// with the layers as given: `tar+gzip` when a layer is compressed, `tar` when not.
    func loadDockerArchive(_ archive: IngestedArchive) throws -> [LoadedImage] {
        let entries = try decode([DockerArchiveManifest].self, "manifest.json", in: archive)
        var images: [LoadedImage] = []
        var known: [Digest: Digest] = [:]
        for entry in entries {
            let config = try decode(ImageConfig.self, entry.config, in: archive)
            var layers: [Descriptor] = []
            for path in entry.layers {
                let digest = try storedDigest(of: path, in: archive)
                let gzip = try LayerDigests.isGzip(digest, in: store)
                layers.append(Descriptor(mediaType: gzip ? MediaType.ociLayerGzip : MediaType.ociLayer, digest: digest, size: try store.size(of: digest)))
            }
            try verifyDiffIDs(layers: layers.map(\.digest), config: config, label: archive.label, known: &known)
            let configDigest = try storedDigest(of: entry.config, in: archive)
            let configDescriptor = Descriptor(mediaType: MediaType.ociConfig, digest: configDigest, size: try store.size(of: configDigest))
            let manifest = try store.putJSON(ImageManifest(config: configDescriptor, layers: layers), mediaType: MediaType.ociManifest)
            let names = try (entry.repoTags ?? []).map { try ImageReference(parsing: $0).withDefaultTag.description }
            images.append(LoadedImage(manifest: manifest.digest, config: configDigest, names: names))
        }
        return images
    }
}
