import Foundation
import StrataFS
import StrataFrontend

/// Reads a build context directory into a snapshot, leaving out what `.dockerignore` excludes.
///
/// Like docker's client, ownership is reset to root (0:0); unlike it, mtimes are set to the
/// build's epoch so that the same context gives the same layers on any machine.
enum ContextLoader {
    static func load(_ directory: URL, ignore: DockerIgnore, store: any BlobStore, epoch: Int) throws -> Snapshot {
        var fs = Snapshot.empty(store: store, rootMetadata: FileMetadata(mode: 0o755, mtime: epoch)).mutable(time: epoch)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError.contextNotFound(directory.path)
        }
        try walk(directory.path, relative: "", parentExists: true, into: &fs, ignore: ignore, epoch: epoch)
        return fs.commit()
    }

    /// Every entry by `lstat` and plain `read`s: FileManager's attributes dictionary (with an
    /// extended-attribute listing per file) and URL paths cost more than the bytes, and every
    /// build reads its whole context (COPY is keyed by content).
    private static func walk(_ directory: String, relative: String, parentExists: Bool, into fs: inout MutableSnapshot, ignore: DockerIgnore, epoch: Int) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let file = directory + "/" + name
            var info = stat()
            guard lstat(file, &info) == 0 else { throw BuildError.unreadableContext(file) }
            let mode = UInt32(info.st_mode) & 0o7777
            let excluded = ignore.excludes(path)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if excluded && !ignore.mayReinclude(below: path) { continue }
                if !excluded { try fs.mkdir("/" + path, mode: mode, parents: true) }
                try walk(file, relative: path, parentExists: !excluded, into: &fs, ignore: ignore, epoch: epoch)
                if !excluded { try fs.utime("/" + path, mtime: epoch) }
            case S_IFLNK:
                if excluded { continue }
                if !parentExists { try ensureParent(path, in: &fs) }
                try fs.symlink(try linkTarget(file), at: "/" + path)
            case S_IFREG:
                if excluded { continue }
                if !parentExists { try ensureParent(path, in: &fs) }
                try fs.writeFile("/" + path, try contents(file, size: Int(info.st_size)), mode: mode)
            default:
                continue
            }
        }
    }

    private static func contents(_ path: String, size: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BuildError.unreadableContext(path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        // Read to the end even if the file grew since `lstat`.
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { read(fd, $0 + filled, buffer.count - filled) } ?? 0
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw BuildError.unreadableContext(path)
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    private static func linkTarget(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw BuildError.unreadableContext(path) }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func ensureParent(_ path: String, in fs: inout MutableSnapshot) throws {
        let parts = path.split(separator: "/")
        guard parts.count > 1 else { return }
        let parent = "/" + parts.dropLast().joined(separator: "/")
        if !fs.exists(parent) { try fs.mkdir(parent, mode: 0o755, parents: true) }
    }
}
