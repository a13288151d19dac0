import Foundation
import StrataStore
import StrataSupport

extension ContentStore {
    /// Stores `value` as stable JSON (sorted keys) and returns its descriptor.
    public func putJSON<T: Encodable>(_ value: T, mediaType: String) throws -> Descriptor {
        let bytes = [UInt8](try StableJSON.encode(value))
        return Descriptor(mediaType: mediaType, digest: try put(bytes), size: bytes.count)
    }

    /// The largest manifest, index or config Strata reads: real ones are a few KB; the limit
    /// keeps a hostile archive from making Strata read a layer-sized "manifest" into memory.
    public static let jsonLimit = 16 << 20

    /// Reads and decodes a JSON blob, verifying its digest.
    public func json<T: Decodable>(_ type: T.Type, at digest: Digest, what: String) throws -> T {
        let size = try size(of: digest)
        guard size <= Self.jsonLimit else {
            throw OCIError.malformedJSON(what: what, digest, detail: "\(size) bytes is over the \(Self.jsonLimit)-byte limit")
        }
        let bytes = try get(digest)
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw OCIError.malformedJSON(what: what, digest, detail: "\(error)")
        }
    }

    public func manifest(_ digest: Digest) throws -> ImageManifest {
        try json(ImageManifest.self, at: digest, what: "manifest")
    }

    public func config(_ digest: Digest) throws -> ImageConfig {
        try json(ImageConfig.self, at: digest, what: "image config")
    }

    /// Stores `config` and a manifest over it and `layers` (bottom first, already in the store),
    /// and returns both descriptors; tag the manifest with `ImageIndexStore.tag`. The config is
    /// encoded as stable JSON, so the same image always gets the same digests.
    public func putImage(
        config: ImageConfig, layers: [Descriptor], annotations: [String: String]? = nil
    ) throws -> (manifest: Descriptor, config: Descriptor) {
        guard layers.count == config.diffIDs.count else {
            throw OCIError.layerCountMismatch(layers: layers.count, diffIDs: config.diffIDs.count)
        }
        for layer in layers where !contains(layer.digest) { throw StoreError.blobNotFound(layer.digest) }
        let configDescriptor = try putJSON(config, mediaType: MediaType.ociConfig)
        let manifest = ImageManifest(config: configDescriptor, layers: layers, annotations: annotations)
        return (try putJSON(manifest, mediaType: MediaType.ociManifest), configDescriptor)
    }
}
