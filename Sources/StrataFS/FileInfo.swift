import StrataSupport

/// What `stat` reports about one entry of a snapshot.
public struct FileInfo: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case file, directory, symlink, fifo }

    /// The absolute path of the entry with symlinks resolved (except a final one not followed).
    public var path: String
    public var kind: Kind
    public var metadata: FileMetadata
    /// Content bytes of a file, length of a symlink's target, 0 for a directory.
    public var size: Int
    /// The digest of a file's contents.
    public var content: Digest?
    /// A symlink's target, as stored.
    public var linkTarget: String?
    /// Equal for paths that are hard links to one file; nil for a file with a single name.
    public var hardlinkGroup: UInt64?
}
