import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few host filesystem calls that snapshot import and export need, with errors turned
/// into `FSError.host` carrying the path.
enum HostFS {
    struct InodeKey: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    struct Info {
        var mode: UInt32
        var metadata: FileMetadata
        var linkCount: Int
        var inode: InodeKey

        var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
        var isSymlink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
        var isRegular: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    }

    static func failure(_ path: String) -> FSError {
        .host(path, reason: String(cString: strerror(errno)))
    }

    static func info(_ path: String) throws(FSError) -> Info {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw failure(path) }
        #if os(Linux)
        let mtime = Int(st.st_mtim.tv_sec)
        #else
        let mtime = Int(st.st_mtimespec.tv_sec)
        #endif
        return Info(
            mode: UInt32(st.st_mode),
            metadata: FileMetadata(mode: UInt32(st.st_mode) & 0o7777, uid: Int(st.st_uid), gid: Int(st.st_gid), mtime: mtime),
            linkCount: Int(st.st_nlink),
            inode: InodeKey(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))
    }

    /// Names in a directory sorted by their bytes.
    static func list(_ path: String) throws(FSError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch { throw .host(path, reason: "cannot list directory") }
    }

    static func read(_ path: String) throws(FSError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .host(path, reason: "cannot read file") }
        return [UInt8](data)
    }

    static func linkTarget(_ path: String) throws(FSError) -> String {
        do { return try FileManager.default.destinationOfSymbolicLink(atPath: path) } catch { throw .host(path, reason: "cannot read link") }
    }

    static func makeEmptyDirectory(_ path: String) throws(FSError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, (try? FileManager.default.contentsOfDirectory(atPath: path).isEmpty) == true else {
                throw .host(path, reason: "destination must be an empty directory")
            }
            return
        }
        try makeDirectory(path)
    }

    static func makeDirectory(_ path: String) throws(FSError) {
        guard mkdir(path, 0o700) == 0 else { throw failure(path) }
    }

    static func makeSymlink(_ target: String, at path: String) throws(FSError) {
        guard symlink(target, path) == 0 else { throw failure(path) }
    }

    static func makeFifo(at path: String) throws(FSError) {
        guard mkfifo(path, 0o600) == 0 else { throw failure(path) }
    }

    static func makeLink(_ existing: String, at path: String) throws(FSError) {
        guard link(existing, path) == 0 else { throw failure(path) }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(FSError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw .host(path, reason: "cannot create file") }
    }

    /// Owner (when permitted), mode (not for symlinks, which have none) and mtime.
    static func apply(_ metadata: FileMetadata, to path: String, isSymlink: Bool) throws(FSError) {
        if lchown(path, uid_t(metadata.uid), gid_t(metadata.gid)) != 0, errno != EPERM { throw failure(path) }
        if !isSymlink, chmod(path, mode_t(metadata.mode)) != 0 { throw failure(path) }
        var times = [timespec(tv_sec: metadata.mtime, tv_nsec: 0), timespec(tv_sec: metadata.mtime, tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0 else { throw failure(path) }
    }
}
