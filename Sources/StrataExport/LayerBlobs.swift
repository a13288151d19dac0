import StrataArchive
import StrataOCI
import StrataStore
import StrataSupport

/// Storing a layer tar as a blob, compressed or not, with the diff_id its config needs.
public enum LayerBlobs {
    public enum Compression: Sendable {
        /// Stored as the tar itself: digest = diff_id, byte-identical everywhere.
        case none
        /// Deterministic gzip (no name, mtime 0); the bytes still depend on the zlib version.
        case gzip
    }

    /// Stores `tar` and returns its descriptor and diff_id (the digest of the uncompressed tar).
    public static func put(
        tar: [UInt8], compression: Compression = .none, in store: ContentStore
    ) throws -> (descriptor: Descriptor, diffID: Digest) {
        let diffID = Digest.of(tar)
        switch compression {
        case .none:
            return (Descriptor(mediaType: MediaType.ociLayer, digest: try store.put(tar), size: tar.count), diffID)
        case .gzip:
            let compressed = try Gzip.compress(tar)
            return (Descriptor(mediaType: MediaType.ociLayerGzip, digest: try store.put(compressed), size: compressed.count), diffID)
        }
    }
}
