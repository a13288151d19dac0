import StrataSupport

/// Contents a build writes over contents it only reads: `put` goes to `upper`, `get` looks in
/// `upper` and then in `lower`.
///
/// Lets a build start from a base image's tree that is kept between builds (its contents in a
/// long-lived store) without adding what the build writes to that long-lived store.
public struct LayeredBlobStore: BlobStore {
    public let upper: any BlobStore
    public let lower: any BlobStore

    public init(upper: any BlobStore, lower: any BlobStore) {
        self.upper = upper
        self.lower = lower
    }

    public func put(_ bytes: [UInt8]) throws -> Digest { try upper.put(bytes) }

    public func get(_ digest: Digest) throws -> [UInt8] {
        if let bytes = try? upper.get(digest) { return bytes }
        return try lower.get(digest)
    }
}
