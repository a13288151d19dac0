import Synchronization
import StrataSupport

/// Where file contents live: snapshots hold only digests, so equal contents are stored once
/// and a snapshot value stays small no matter how large its files are.
public protocol BlobStore: Sendable {
    /// Stores `bytes` and returns their SHA-256 digest.
    func put(_ bytes: [UInt8]) throws -> Digest
    /// The bytes stored under `digest`; throws when they are absent.
    func get(_ digest: Digest) throws -> [UInt8]
}

/// Raised by a store that does not hold a requested digest.
public struct BlobNotFound: Error, Equatable, CustomStringConvertible {
    public let digest: Digest
    public init(_ digest: Digest) { self.digest = digest }
    public var description: String { "blob \(digest) not found" }
}

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
