/// The metadata a layer tar records for an entry, and all that Strata compares.
///
/// Times are whole seconds supplied by the caller: nothing here reads a wall clock, so the
/// same build gives the same snapshot digest on any machine.
public struct FileMetadata: Sendable, Hashable, Codable {
    /// Permission bits with setuid (0o4000), setgid (0o2000) and sticky (0o1000); no type bits.
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// Modification time, seconds since the epoch.
    public var mtime: Int
    /// Extended attributes such as `security.capability`.
    public var xattrs: [String: [UInt8]]

    public init(mode: UInt32, uid: Int = 0, gid: Int = 0, mtime: Int = 0, xattrs: [String: [UInt8]] = [:]) {
        self.mode = mode & 0o7777
        self.uid = uid
        self.gid = gid
        self.mtime = mtime
        self.xattrs = xattrs
    }

    /// Equal as BuildKit's differ sees a directory: mode, owner and xattrs, not time.
    func sameOwnershipAndMode(as other: FileMetadata) -> Bool {
        mode == other.mode && uid == other.uid && gid == other.gid && xattrs == other.xattrs
    }
}
