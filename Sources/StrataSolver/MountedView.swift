import StrataFS
import StrataShell

/// One mount of a `RUN`, as the shell sees it: a secret file, or a directory tree (cache,
/// bind, tmpfs). Its content lives outside the root snapshot and never reaches the layer.
struct MountedView {
    enum Content {
        /// A secret: one read-only file whose bytes are labelled with the secret's id.
        case secretFile(bytes: [UInt8], id: String, mode: UInt32, uid: Int, gid: Int)
        /// A directory tree; `readOnly` refuses writes (bind without rw).
        case directory(MutableSnapshot, readOnly: Bool)
        /// An SSH agent socket (`--mount=type=ssh`): no agent is forwarded, only the socket exists.
        case socket(mode: UInt32, uid: Int, gid: Int)
        /// A single bound file (`--mount=type=bind,source=FILE`); writes (with rw) stay in the mount.
        case file(bytes: [UInt8], metadata: FileMetadata, readOnly: Bool)
    }

    let target: String
    var content: Content

    func stat(_ inner: String, follow: Bool) throws(FileSystemError) -> FileStatus {
        switch content {
        case .secretFile(let bytes, _, let mode, let uid, let gid):
            guard inner == "/" else { throw .notADirectory(target + inner) }
            return FileStatus(kind: .regular, mode: mode, uid: uid, gid: gid, size: bytes.count)
        case .socket(let mode, let uid, let gid):
            guard inner == "/" else { throw .notADirectory(target + inner) }
            return FileStatus(kind: .socket, mode: mode, uid: uid, gid: gid)
        case .file(let bytes, let metadata, _):
            guard inner == "/" else { throw .notADirectory(target + inner) }
            return FileStatus(kind: .regular, mode: metadata.mode, uid: metadata.uid, gid: metadata.gid, size: bytes.count, modificationTime: metadata.mtime)
        case .directory(let fs, _):
            return try RunFileSystem.status(fs, inner, follow: follow)
        }
    }

    func read(_ inner: String) throws(FileSystemError) -> ProvenancedBytes {
        switch content {
        case .secretFile(let bytes, let id, _, _, _):
            guard inner == "/" else { throw .notADirectory(target + inner) }
            return ProvenancedBytes(bytes, provenance: .secret(id))
        case .file(let bytes, _, _):
            guard inner == "/" else { throw .notADirectory(target + inner) }
            return ProvenancedBytes(bytes)
        case .socket:
            throw .invalidArgument(target + inner)
        case .directory(let fs, _):
            return ProvenancedBytes(try RunFileSystem.map(target + inner) { () throws(FSError) in try fs.readFile(inner) })
        }
    }

    func list(_ inner: String) throws(FileSystemError) -> [String] {
        switch content {
        case .secretFile, .file, .socket: throw .notADirectory(target + inner)
        case .directory(let fs, _): return try RunFileSystem.map(target + inner) { () throws(FSError) in try fs.list(inner) }
        }
    }

    func readlink(_ inner: String) throws(FileSystemError) -> String {
        switch content {
        case .secretFile, .file, .socket: throw .invalidArgument(target + inner)
        case .directory(let fs, _): return try RunFileSystem.map(target + inner) { () throws(FSError) in try fs.readlink(inner) }
        }
    }

    mutating func write(_ inner: String, _ contents: ProvenancedBytes, mode: UInt32, append: Bool) throws(FileSystemError) {
        if case .file(let bytes, let metadata, let readOnly) = content {
            guard !readOnly else { throw .readOnlyFileSystem(target + inner) }
            guard inner == "/" else { throw .notADirectory(target + inner) }
            content = .file(bytes: append ? bytes + contents.bytes : contents.bytes, metadata: metadata, readOnly: false)
            return
        }
        try edit(target + inner) { (fs: inout MutableSnapshot) throws(FSError) in
            if append && fs.exists(inner) { try fs.append(inner, contents.bytes) } else { try fs.writeFile(inner, contents.bytes, mode: fs.exists(inner) ? nil : mode) }
        }
    }

    /// Applies an edit to a writable directory mount.
    mutating func edit(_ path: String, _ body: (inout MutableSnapshot) throws(FSError) -> Void) throws(FileSystemError) {
        switch content {
        case .secretFile, .file, .socket: throw .readOnlyFileSystem(path)
        case .directory(var fs, let readOnly):
            guard !readOnly else { throw .readOnlyFileSystem(path) }
            try RunFileSystem.map(path) { () throws(FSError) in try body(&fs) }
            content = .directory(fs, readOnly: false)
        }
    }

    /// The directory tree after the run (for cache mounts, which persist).
    var snapshot: Snapshot? {
        if case .directory(let fs, _) = content { return fs.commit() }
        return nil
    }
}
