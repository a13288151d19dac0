import Synchronization
import StrataSupport

/// A thread-safe in-memory store, for tests and short-lived builds.
public final class MemoryBlobStore: BlobStore {
    private let blobs = Mutex<[Digest: [UInt8]]>([:])

    public init() {}

    public func put(_ bytes: [UInt8]) throws -> Digest {
        let digest = Digest.of(bytes)
        blobs.withLock { $0[digest] = bytes }
        return digest
    }

    public func get(_ digest: Digest) throws -> [UInt8] {
        guard let bytes = blobs.withLock({ $0[digest] }) else { throw BlobNotFound(digest) }
        return bytes
    }

    /// How many distinct blobs are held.
    public var count: Int { blobs.withLock { $0.count } }
}
