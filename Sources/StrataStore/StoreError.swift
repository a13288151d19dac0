import StrataSupport

/// What can go wrong reading or writing the on-disk content store.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// No blob with this digest is in the store.
    case blobNotFound(Digest)
    /// Bytes offered to the store do not hash to the digest the caller expected.
    case digestMismatch(expected: Digest, actual: Digest)
    /// A blob on disk no longer hashes to its name: the store was tampered with or damaged.
    case corruptBlob(Digest, actual: Digest)
    /// A record name that could escape the record area or is otherwise unusable.
    case invalidRecordName(String)
    /// A system call failed; `path` is the file it was working on.
    case io(operation: String, path: String, message: String)

    public var description: String {
        switch self {
        case .blobNotFound(let digest): "blob \(digest) is not in the content store"
        case .digestMismatch(let expected, let actual):
            "content does not match its digest: expected \(expected), got \(actual)"
        case .corruptBlob(let digest, let actual):
            "blob \(digest) is corrupt: its bytes hash to \(actual)"
        case .invalidRecordName(let name):
            "invalid record name \"\(name)\": use letters, digits, '.', '-' and '_'"
        case .io(let operation, let path, let message): "cannot \(operation) \(path): \(message)"
        }
    }
}
