/// The kind of a file system entry.
public enum FileKind: String, Hashable, Sendable {
    case regular, directory, symlink
    /// A named pipe (`mkfifo`) and a Unix socket (the SSH agent mount): no content.
    case fifo, socket
}

/// What `stat`/`lstat` report about an entry.
public struct FileStatus: Hashable, Sendable {
    public var kind: FileKind
    /// Permission bits only (0o7777).
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    public var size: Int
    /// Seconds since the epoch.
    public var modificationTime: Int
    /// The target of a symlink, as stored.
    public var linkTarget: String?

    public init(kind: FileKind, mode: UInt32, uid: Int = 0, gid: Int = 0, size: Int = 0, modificationTime: Int = 0, linkTarget: String? = nil) {
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.modificationTime = modificationTime
        self.linkTarget = linkTarget
    }
}

/// The errno-style failures a file system operation reports; `description` is strerror's text.
public enum FileSystemError: Error, Hashable, Sendable, CustomStringConvertible {
    case notFound(String)
    case notADirectory(String)
    case isADirectory(String)
    case exists(String)
    case notEmpty(String)
    case permissionDenied(String)
    case tooManyLinks(String)
    case invalidArgument(String)
    case crossDevice(String)
    /// EROFS: a write under a read-only mount (a bind mount without `rw`, a secret).
    case readOnlyFileSystem(String)
    /// EBUSY: removing a mount point.
    case busy(String)

    /// The path the failure is about.
    public var path: String {
        switch self {
        case .notFound(let p), .notADirectory(let p), .isADirectory(let p), .exists(let p),
            .notEmpty(let p), .permissionDenied(let p), .tooManyLinks(let p), .invalidArgument(let p),
            .crossDevice(let p), .readOnlyFileSystem(let p), .busy(let p):
            return p
        }
    }

    /// The message `strerror` gives for the matching errno.
    public var message: String {
        switch self {
        case .notFound: return "No such file or directory"
        case .notADirectory: return "Not a directory"
        case .isADirectory: return "Is a directory"
        case .exists: return "File exists"
        case .notEmpty: return "Directory not empty"
        case .permissionDenied: return "Permission denied"
        case .tooManyLinks: return "Too many levels of symbolic links"
        case .invalidArgument: return "Invalid argument"
        case .crossDevice: return "Invalid cross-device link"
        case .readOnlyFileSystem: return "Read-only file system"
        case .busy: return "Resource busy"
        }
    }

    public var description: String { "\(path): \(message)" }
}

/// The file system a simulated `RUN` works on. Every path is absolute and already normalised
/// by the caller's `/`-joining; implementations resolve symlinks in intermediate components.
///
/// Writes take the provenance of the bytes written so that a snapshot can remember which files
/// derive from secrets. Methods are `mutating` so that value-type snapshots can conform.
public protocol ShellFileSystem {
    /// Status following a final symlink.
    func stat(_ path: String) throws(FileSystemError) -> FileStatus
    /// Status of the entry itself, not following a final symlink.
    func lstat(_ path: String) throws(FileSystemError) -> FileStatus
    /// Contents of a regular file (following symlinks).
    func readFile(_ path: String) throws(FileSystemError) -> ProvenancedBytes
    /// Creates or truncates a regular file; `mode` applies only when the file is created.
    mutating func writeFile(_ path: String, _ contents: ProvenancedBytes, mode: UInt32) throws(FileSystemError)
    /// Appends to a regular file, creating it with `mode` when missing.
    mutating func appendFile(_ path: String, _ contents: ProvenancedBytes, mode: UInt32) throws(FileSystemError)
    /// Creates one directory; its parent must exist.
    mutating func mkdir(_ path: String, mode: UInt32) throws(FileSystemError)
    /// Removes a file, symlink or empty directory.
    mutating func remove(_ path: String) throws(FileSystemError)
    mutating func rename(_ from: String, to: String) throws(FileSystemError)
    mutating func symlink(target: String, at path: String) throws(FileSystemError)
    /// Creates a named pipe (`mkfifo`); `mode` before the umask.
    mutating func makeFifo(_ path: String, mode: UInt32) throws(FileSystemError)
    mutating func hardlink(existing: String, at path: String) throws(FileSystemError)
    func readlink(_ path: String) throws(FileSystemError) -> String
    mutating func chmod(_ path: String, mode: UInt32) throws(FileSystemError)
    /// Changes owner of the entry itself (like `lchown`).
    mutating func chown(_ path: String, uid: Int, gid: Int) throws(FileSystemError)
    mutating func utime(_ path: String, modificationTime: Int) throws(FileSystemError)
    /// Names in a directory, sorted, without `.` and `..`.
    func listDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// The canonical absolute path with every symlink resolved; the last component may be missing.
    func realpath(_ path: String) throws(FileSystemError) -> String
}

extension ShellFileSystem {
    /// File systems that cannot hold special files refuse FIFOs.
    public mutating func makeFifo(_ path: String, mode: UInt32) throws(FileSystemError) {
        throw .permissionDenied(path)
    }

    /// Whether anything exists at `path` (following symlinks).
    public func exists(_ path: String) -> Bool { (try? stat(path)) != nil }
    public func isDirectory(_ path: String) -> Bool { (try? stat(path))?.kind == .directory }
}

/// Path arithmetic on absolute, `/`-separated paths.
public enum ShellPath {
    /// `path` made absolute against `directory`, with `.`, `..` and repeated slashes removed.
    public static func resolve(_ path: String, in directory: String) -> String {
        let full = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        let p = String(path[..<slash])
        return p.isEmpty ? "/" : p
    }

    public static func base(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    public static func join(_ a: String, _ b: String) -> String { a == "/" ? "/" + b : a + "/" + b }
}
