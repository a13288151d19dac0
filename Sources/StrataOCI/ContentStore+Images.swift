import Foundation
import StrataStore
import StrataSupport

extension ContentStore {
    /// Stores `value` as stable JSON (sorted keys) and returns its descriptor.
    public func putJSON<T: Encodable>(_ value: T, mediaType: String) throws -> Descriptor {
        let bytes = [UInt8](try StableJSON.encode(value))
        return Descriptor(mediaType: mediaType, digest: try put(bytes), size: bytes.count)
    }

    /// Reads and decodes a JSON blob, verifying its digest.
    public func json<T: Decodable>(_ type: T.Type, at digest: Digest, what: String) throws -> T {
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
}
