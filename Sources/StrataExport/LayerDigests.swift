import Foundation
import StrataArchive
import StrataStore
import StrataSupport

/// Adapts an existential `ByteSource` so generic readers (`TarReader`) can take it.
struct AnyByteSource: ByteSource {
    var base: any ByteSource
    mutating func read(upTo count: Int) throws -> [UInt8] { try base.read(upTo: count) }
}

/// A stored blob read as a stream, straight from its file.
struct StoredBlobSource: ByteSource {
    var file: FileSource
    init(store: ContentStore, digest: Digest) throws {
        guard store.contains(digest) else { throw StoreError.blobNotFound(digest) }
        file = try FileSource(path: store.url(for: digest).path)
    }
    mutating func read(upTo count: Int) throws -> [UInt8] { try file.read(upTo: count) }
}

enum LayerDigests {
    /// The digest of a stored layer's uncompressed tar (its diff_id), read in chunks. An
    /// uncompressed layer is its own diff_id: the store named it by its hash when it was written.
    static func diffID(of layer: Digest, in store: ContentStore) throws -> Digest {
        if try !isGzip(layer, in: store) { return layer }
        var source = try decompressingIfNeeded(StoredBlobSource(store: store, digest: layer))
        var hasher = SHA256()
        while true {
            let chunk = try source.read(upTo: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(chunk)
        }
        return Digest(sha256: hasher.finalize())
    }

    /// Whether a stored blob starts with gzip's magic bytes.
    static func isGzip(_ digest: Digest, in store: ContentStore) throws -> Bool {
        var source = try StoredBlobSource(store: store, digest: digest)
        return try source.read(upTo: 2) == [0x1f, 0x8b]
    }
}
