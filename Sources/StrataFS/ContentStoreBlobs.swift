import StrataArchive
import StrataStore
import StrataSupport

/// File contents kept as blobs of the on-disk content store, for snapshots that outlive a
/// process (an image's unpacked rootfs). Reads are verified against the digest; writes are not
/// fsynced, since every such blob can be recomputed from the layers it came from.
public struct ContentStoreBlobs: BlobStore {
    public let store: ContentStore

    public init(store: ContentStore) { self.store = store }

    public func put(_ bytes: [UInt8]) throws -> Digest { try store.put(bytes, durable: false) }

    public func get(_ digest: Digest) throws -> [UInt8] {
        do { return try store.get(digest) } catch StoreError.blobNotFound { throw BlobNotFound(digest) }
    }
}

/// A verifying blob reader is a byte source: a layer applied from it is checked against its
/// digest when its last byte is read.
extension BlobReader: ByteSource {}

extension Snapshot {
    /// The same tree with its contents looked up in (and new contents written to) `store`,
    /// which must hold every digest the tree names.
    public func storing(in store: any BlobStore) -> Snapshot {
        Snapshot(root: root, store: store, nextLinkGroup: nextLinkGroup)
    }
}
