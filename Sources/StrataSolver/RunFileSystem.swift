import StrataFS
import StrataShell

/// The filesystem one simulated `RUN` sees: the step's root snapshot, with the RUN's mounts laid
/// over it. Writes under a mount go to the mount, never to the root, which is what keeps a
/// secret, cache, bind or tmpfs mount's content out of the layer.
///
/// Mounts are routed by lexical path (the longest mount target that is the path or a parent of
/// it); a symlink in the root that points into a mount is not followed into it.
struct RunFileSystem: ShellFileSystem {
    var root: MutableSnapshot
    var mounts: [MountedView]
    /// Provenance of root files whose bytes derive from secrets, by absolute path.
    var provenance: [String: Provenance]
    /// Owner of files and directories the run creates (the RUN's USER).
    var owner: (uid: Int, gid: Int)

    init(root: MutableSnapshot, mounts: [MountedView], provenance: [String: Provenance], owner: (uid: Int, gid: Int)) {
        self.root = root
        self.mounts = mounts.sorted { $0.target.count > $1.target.count }
        self.provenance = provenance
        self.owner = owner
    }

    /// Where a path lives: the root, or a mount with the path inside it.
    private enum Route {
        case root(String)
        case mount(Int, String)
    }

    private func route(_ path: String) -> Route {
        for (index, mount) in mounts.enumerated() {
            if path == mount.target { return .mount(index, "/") }
            if path.hasPrefix(mount.target + "/") { return .mount(index, String(path.dropFirst(mount.target.count))) }
        }
        return .root(path)
    }

    func stat(_ path: String) throws(FileSystemError) -> FileStatus {
        switch route(path) {
        case .root(let inner): return try RunFileSystem.status(root, inner, follow: true)
        case .mount(let index, let inner): return try mounts[index].stat(inner, follow: true)
        }
    }

    func lstat(_ path: String) throws(FileSystemError) -> FileStatus {
        switch route(path) {
        case .root(let inner): return try RunFileSystem.status(root, inner, follow: false)
        case .mount(let index, let inner): return try mounts[index].stat(inner, follow: false)
        }
    }

    func readFile(_ path: String) throws(FileSystemError) -> ProvenancedBytes {
        switch route(path) {
        case .root(let inner):
            let bytes = try RunFileSystem.map(path) { () throws(FSError) in try root.readFile(inner) }
            return ProvenancedBytes(bytes, provenance: provenance[RunFileSystem.canonical(root, inner)] ?? .clean)
        case .mount(let index, let inner):
            return try mounts[index].read(inner)
        }
    }

    mutating func writeFile(_ path: String, _ contents: ProvenancedBytes, mode: UInt32) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            let existed = root.exists(inner)
            try RunFileSystem.map(path) { () throws(FSError) in
                try root.writeFile(inner, contents.bytes, mode: existed ? nil : mode, uid: existed ? nil : owner.uid, gid: existed ? nil : owner.gid)
            }
            record(inner, contents.provenance, replacing: true)
        case .mount(let index, let inner):
            try mounts[index].write(inner, contents, mode: mode, append: false)
        }
    }

    mutating func appendFile(_ path: String, _ contents: ProvenancedBytes, mode: UInt32) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            if root.exists(inner) {
                try RunFileSystem.map(path) { () throws(FSError) in try root.append(inner, contents.bytes) }
            } else {
                try RunFileSystem.map(path) { () throws(FSError) in try root.writeFile(inner, contents.bytes, mode: mode, uid: owner.uid, gid: owner.gid) }
            }
            record(inner, contents.provenance, replacing: false)
        case .mount(let index, let inner):
            try mounts[index].write(inner, contents, mode: mode, append: true)
        }
    }

    mutating func mkdir(_ path: String, mode: UInt32) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            try RunFileSystem.map(path) { () throws(FSError) in try root.mkdir(inner, mode: mode, uid: owner.uid, gid: owner.gid) }
        case .mount(let index, let inner):
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.mkdir(inner, mode: mode) }
        }
    }

    mutating func remove(_ path: String) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            let key = RunFileSystem.canonical(root, inner)
            try RunFileSystem.map(path) { () throws(FSError) in try root.remove(inner) }
            provenance[key] = nil
        case .mount(let index, let inner):
            guard inner != "/" else { throw .busy(path) }
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.remove(inner) }
        }
    }

    mutating func rename(_ from: String, to: String) throws(FileSystemError) {
        switch (route(from), route(to)) {
        case (.root(let a), .root(let b)):
            let source = RunFileSystem.canonical(root, a)
            try RunFileSystem.map(from) { () throws(FSError) in try root.rename(a, to: b) }
            let moved = provenance.filter { $0.key == source || $0.key.hasPrefix(source + "/") }
            for (key, value) in moved {
                provenance[key] = nil
                provenance[b + key.dropFirst(source.count)] = value
            }
        case (.mount(let i, let a), .mount(let j, let b)) where i == j:
            try mounts[i].edit(from) { (fs: inout MutableSnapshot) throws(FSError) in try fs.rename(a, to: b) }
        default:
            // Across mounts, like rename(2) across filesystems: the caller (mv) copies instead.
            throw .crossDevice(to)
        }
    }

    mutating func symlink(target: String, at path: String) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            try RunFileSystem.map(path) { () throws(FSError) in try root.symlink(target, at: inner, uid: owner.uid, gid: owner.gid) }
        case .mount(let index, let inner):
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.symlink(target, at: inner) }
        }
    }

    mutating func makeFifo(_ path: String, mode: UInt32) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            try RunFileSystem.map(path) { () throws(FSError) in try root.mkfifo(inner, mode: mode, uid: owner.uid, gid: owner.gid) }
        case .mount(let index, let inner):
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.mkfifo(inner, mode: mode) }
        }
    }

    mutating func hardlink(existing: String, at path: String) throws(FileSystemError) {
        switch (route(existing), route(path)) {
        case (.root(let a), .root(let b)):
            try RunFileSystem.map(path) { () throws(FSError) in try root.hardlink(a, at: b) }
            if let value = provenance[RunFileSystem.canonical(root, a)] { provenance[b] = value }
        case (.mount(let i, let a), .mount(let j, let b)) where i == j:
            try mounts[i].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.hardlink(a, at: b) }
        default:
            throw .crossDevice(path)
        }
    }

    func readlink(_ path: String) throws(FileSystemError) -> String {
        switch route(path) {
        case .root(let inner): return try RunFileSystem.map(path) { () throws(FSError) in try root.readlink(inner) }
        case .mount(let index, let inner): return try mounts[index].readlink(inner)
        }
    }

    mutating func chmod(_ path: String, mode: UInt32) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner): try RunFileSystem.map(path) { () throws(FSError) in try root.chmod(inner, mode) }
        case .mount(let index, let inner):
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.chmod(inner, mode) }
        }
    }

    mutating func chown(_ path: String, uid: Int, gid: Int) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner):
            try RunFileSystem.map(path) { () throws(FSError) in try root.chown(inner, uid: uid, gid: gid, followSymlinks: false) }
        case .mount(let index, let inner):
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.chown(inner, uid: uid, gid: gid, followSymlinks: false) }
        }
    }

    mutating func utime(_ path: String, modificationTime: Int) throws(FileSystemError) {
        switch route(path) {
        case .root(let inner): try RunFileSystem.map(path) { () throws(FSError) in try root.utime(inner, mtime: modificationTime) }
        case .mount(let index, let inner):
            try mounts[index].edit(path) { (fs: inout MutableSnapshot) throws(FSError) in try fs.utime(inner, mtime: modificationTime) }
        }
    }

    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        var names: Set<String>
        switch route(path) {
        case .root(let inner): names = Set(try RunFileSystem.map(path) { () throws(FSError) in try root.list(inner) })
        case .mount(let index, let inner): names = Set(try mounts[index].list(inner))
        }
        // Mount points directly inside this directory show up even if the root lacks them.
        for mount in mounts where FSPath.parent(of: mount.target) == path {
            names.insert(String(mount.target.split(separator: "/").last ?? ""))
        }
        return names.sorted()
    }

    func realpath(_ path: String) throws(FileSystemError) -> String {
        switch route(path) {
        case .root(let inner):
            if let info = try? root.stat(inner) { return info.path }
            let parent = FSPath.parent(of: inner)
            let info = try RunFileSystem.map(path) { () throws(FSError) in try root.stat(parent) }
            let base = String(inner.split(separator: "/").last ?? "")
            return info.path == "/" ? "/" + base : info.path + "/" + base
        case .mount:
            return path
        }
    }

    private mutating func record(_ path: String, _ value: Provenance, replacing: Bool) {
        let key = RunFileSystem.canonical(root, path)
        if replacing {
            provenance[key] = value.isClean ? nil : value
        } else if !value.isClean {
            provenance[key] = (provenance[key] ?? .clean).merged(with: value)
        }
    }

    static func canonical(_ root: MutableSnapshot, _ path: String) -> String {
        (try? root.stat(path, followSymlinks: true).path) ?? path
    }

    static func status(_ fs: MutableSnapshot, _ path: String, follow: Bool) throws(FileSystemError) -> FileStatus {
        let info = try map(path) { () throws(FSError) in try fs.stat(path, followSymlinks: follow) }
        return FileStatus(info)
    }

    /// Runs a snapshot operation, turning its `FSError` into the errno-style error the shell prints.
    static func map<T>(_ path: String, _ body: () throws(FSError) -> T) throws(FileSystemError) -> T {
        do { return try body() } catch { throw FileSystemError(error, path: path) }
    }
}

extension FileStatus {
    init(_ info: FileInfo) {
        let kind: FileKind = switch info.kind {
        case .file: .regular
        case .directory: .directory
        case .symlink: .symlink
        case .fifo: .fifo
        }
        self.init(
            // A directory reports one 4 KiB block, as on the ext4/overlay disks BuildKit runs on.
            kind: kind, mode: info.metadata.mode & 0o7777, uid: info.metadata.uid, gid: info.metadata.gid,
            size: info.kind == .directory ? 4096 : info.size,
            modificationTime: info.metadata.mtime, linkTarget: info.linkTarget)
    }
}

extension FileSystemError {
    init(_ error: FSError, path: String) {
        switch error {
        case .noEntry: self = .notFound(path)
        case .notDirectory: self = .notADirectory(path)
        case .exists: self = .exists(path)
        case .isDirectory: self = .isADirectory(path)
        case .notEmpty: self = .notEmpty(path)
        case .loop: self = .tooManyLinks(path)
        case .notPermitted: self = .permissionDenied(path)
        default: self = .invalidArgument(path)
        }
    }
}
