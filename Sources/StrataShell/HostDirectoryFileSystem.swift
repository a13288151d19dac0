#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file system rooted at a real directory: `/` inside maps to `root` on disk.
///
/// Symlinks are resolved by Strata itself, so an absolute link target stays inside the root,
/// exactly as it would inside a container. Used for differential tests against real busybox.
/// Provenance cannot live on disk, so it is kept beside the tree for files written through here.
public struct HostDirectoryFileSystem: ShellFileSystem, Sendable {
    public let root: String
    private var provenances: [String: Provenance] = [:]

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    private func host(_ path: String) -> String { path == "/" ? root : root + path }

    private func lookup(_ path: String) -> PathResolver.Entry {
        var info = Glibc.stat()
        guard Glibc.lstat(host(path), &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink((try? rawReadlink(path)) ?? "")
        default: return .file
        }
    }

    private func resolve(_ path: String, follow: Bool) throws(FileSystemError) -> String {
        try PathResolver(lookup: lookup).resolve(path, followLast: follow)
    }

    private func rawReadlink(_ path: String) throws(FileSystemError) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = Glibc.readlink(host(path), &buffer, 4096)
        guard count >= 0 else { throw Self.error(errno, path) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func error(_ code: Int32, _ path: String) -> FileSystemError {
        switch code {
        case ENOENT: return .notFound(path)
        case ENOTDIR: return .notADirectory(path)
        case EISDIR: return .isADirectory(path)
        case EEXIST: return .exists(path)
        case ENOTEMPTY: return .notEmpty(path)
        case EACCES, EPERM: return .permissionDenied(path)
        case ELOOP: return .tooManyLinks(path)
        case EXDEV: return .crossDevice(path)
        default: return .invalidArgument(path)
        }
    }

    private func status(real: String, original: String) throws(FileSystemError) -> FileStatus {
        var info = Glibc.stat()
        guard Glibc.lstat(host(real), &info) == 0 else { throw Self.error(errno, original) }
        let kind: FileKind
        switch info.st_mode & S_IFMT {
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        default: kind = .regular
        }
        return FileStatus(
            kind: kind, mode: UInt32(info.st_mode & 0o7777), uid: Int(info.st_uid), gid: Int(info.st_gid),
            size: Int(info.st_size), modificationTime: Int(info.st_mtim.tv_sec),
            linkTarget: kind == .symlink ? try rawReadlink(real) : nil)
    }

    public func stat(_ path: String) throws(FileSystemError) -> FileStatus {
        try status(real: try resolve(path, follow: true), original: path)
    }

    public func lstat(_ path: String) throws(FileSystemError) -> FileStatus {
        try status(real: try resolve(path, follow: false), original: path)
    }

    public func readFile(_ path: String) throws(FileSystemError) -> ProvenancedBytes {
        let real = try resolve(path, follow: true)
        if try status(real: real, original: path).kind == .directory { throw .isADirectory(path) }
        let fd = Glibc.open(host(real), O_RDONLY)
        guard fd >= 0 else { throw Self.error(errno, path) }
        defer { Glibc.close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 { throw Self.error(errno, path) }
            if n == 0 { break }
            result += chunk[0..<n]
        }
        return ProvenancedBytes(result, provenance: provenances[real] ?? .clean)
    }

    public mutating func writeFile(_ path: String, _ data: ProvenancedBytes, mode: UInt32) throws(FileSystemError) {
        try store(path, data, mode: mode, flags: O_TRUNC)
    }

    public mutating func appendFile(_ path: String, _ data: ProvenancedBytes, mode: UInt32) throws(FileSystemError) {
        try store(path, data, mode: mode, flags: O_APPEND)
    }

    private mutating func store(_ path: String, _ data: ProvenancedBytes, mode: UInt32, flags: Int32) throws(FileSystemError) {
        let real = try resolve(path, follow: true)
        let existed = lookup(real)
        if case .directory = existed { throw .isADirectory(path) }
        let fd = Glibc.open(host(real), O_WRONLY | O_CREAT | flags, mode_t(mode & 0o7777))
        guard fd >= 0 else { throw Self.error(errno, path) }
        defer { Glibc.close(fd) }
        if case .missing = existed { Glibc.fchmod(fd, mode_t(mode & 0o7777)) }
        var offset = 0
        while offset < data.bytes.count {
            let n = data.bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { throw Self.error(errno, path) }
            offset += n
        }
        if flags == O_APPEND {
            let merged = (provenances[real] ?? .clean).merged(with: data.provenance)
            provenances[real] = merged.isClean ? nil : merged
        } else {
            provenances[real] = data.provenance.isClean ? nil : data.provenance
        }
    }

    public mutating func mkdir(_ path: String, mode: UInt32) throws(FileSystemError) {
        let real = try resolve(path, follow: false)
        guard Glibc.mkdir(host(real), mode_t(mode & 0o7777)) == 0 else { throw Self.error(errno, path) }
        Glibc.chmod(host(real), mode_t(mode & 0o7777))
    }

    public mutating func remove(_ path: String) throws(FileSystemError) {
        let real = try resolve(path, follow: false)
        if real == "/" { throw .permissionDenied(path) }
        let isDir: Bool
        if case .directory = lookup(real) { isDir = true } else { isDir = false }
        let rc = isDir ? Glibc.rmdir(host(real)) : Glibc.unlink(host(real))
        guard rc == 0 else { throw Self.error(errno == EEXIST ? ENOTEMPTY : errno, path) }
        provenances[real] = nil
    }

    public mutating func rename(_ from: String, to: String) throws(FileSystemError) {
        let source = try resolve(from, follow: false)
        let dest = try resolve(to, follow: false)
        guard Glibc.rename(host(source), host(dest)) == 0 else { throw Self.error(errno, to) }
        for (key, value) in provenances where key == source || key.hasPrefix(source + "/") {
            provenances[key] = nil
            provenances[dest + key.dropFirst(source.count)] = value
        }
    }

    public mutating func symlink(target: String, at path: String) throws(FileSystemError) {
        let real = try resolve(path, follow: false)
        guard Glibc.symlink(target, host(real)) == 0 else { throw Self.error(errno, path) }
    }

    public mutating func makeFifo(_ path: String, mode: UInt32) throws(FileSystemError) {
        let real = try resolve(path, follow: false)
        guard Glibc.mkfifo(host(real), mode_t(mode)) == 0 else { throw Self.error(errno, path) }
        // mkfifo(3) applies the process umask; the mode asked for is already masked.
        _ = Glibc.chmod(host(real), mode_t(mode))
    }

    public mutating func hardlink(existing: String, at path: String) throws(FileSystemError) {
        let source = try resolve(existing, follow: false)
        let real = try resolve(path, follow: false)
        guard Glibc.link(host(source), host(real)) == 0 else { throw Self.error(errno, path) }
        if let p = provenances[source] { provenances[real] = p }
    }

    public func readlink(_ path: String) throws(FileSystemError) -> String {
        let real = try resolve(path, follow: false)
        guard case .symlink(let target) = lookup(real) else {
            if case .missing = lookup(real) { throw .notFound(path) }
            throw .invalidArgument(path)
        }
        return target
    }

    public mutating func chmod(_ path: String, mode: UInt32) throws(FileSystemError) {
        let real = try resolve(path, follow: true)
        guard Glibc.chmod(host(real), mode_t(mode & 0o7777)) == 0 else { throw Self.error(errno, path) }
    }

    public mutating func chown(_ path: String, uid: Int, gid: Int) throws(FileSystemError) {
        let real = try resolve(path, follow: false)
        guard Glibc.lchown(host(real), uid_t(uid), gid_t(gid)) == 0 else { throw Self.error(errno, path) }
    }

    public mutating func utime(_ path: String, modificationTime: Int) throws(FileSystemError) {
        let real = try resolve(path, follow: true)
        var times = [timespec(tv_sec: modificationTime, tv_nsec: 0), timespec(tv_sec: modificationTime, tv_nsec: 0)]
        guard utimensat(AT_FDCWD, host(real), &times, 0) == 0 else { throw Self.error(errno, path) }
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let real = try resolve(path, follow: true)
        guard let dir = opendir(host(real)) else { throw Self.error(errno, path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func realpath(_ path: String) throws(FileSystemError) -> String {
        try resolve(path, follow: true)
    }
}
