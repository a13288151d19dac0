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
