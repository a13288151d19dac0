/// An in-memory file system for tests and for callers with no snapshot at hand.
///
/// A value type: copying it copies the tree. Hard links share an inode number, so writing
/// through one name is visible through the other.
public struct MemoryFileSystem: ShellFileSystem, Sendable, Hashable {
    struct Node: Hashable, Sendable {
        var kind: FileKind
        var mode: UInt32
        var uid = 0
        var gid = 0
        var mtime = 0
        var inode = 0
        var target: String?
    }

    private var nodes: [String: Node] = ["/": Node(kind: .directory, mode: 0o755)]
    private var contents: [Int: ProvenancedBytes] = [:]
    private var nextInode = 1
    /// The time stamped on files this file system creates or modifies.
    public var now: Int

    public init(now: Int = 0) { self.now = now }

    private var resolver: PathResolver {
        let nodes = self.nodes
        return PathResolver { path in
            guard let node = nodes[path] else { return .missing }
            switch node.kind {
            case .directory: return .directory
            case .regular, .fifo, .socket: return .file
            case .symlink: return .symlink(node.target ?? "")
            }
        }
    }

    private func node(_ path: String, follow: Bool) throws(FileSystemError) -> (String, Node) {
        let real = try resolver.resolve(path, followLast: follow)
        guard let node = nodes[real] else { throw .notFound(path) }
        return (real, node)
    }

    private func status(_ node: Node) -> FileStatus {
        let size: Int
        switch node.kind {
        case .regular: size = contents[node.inode]?.bytes.count ?? 0
        case .symlink: size = node.target?.utf8.count ?? 0
        case .directory: size = 4096
        case .fifo, .socket: size = 0
        }
        return FileStatus(kind: node.kind, mode: node.mode, uid: node.uid, gid: node.gid, size: size, modificationTime: node.mtime, linkTarget: node.target)
    }

    /// Where a new entry named by `path` goes: its parent must be an existing directory.
    private func placeForNew(_ path: String) throws(FileSystemError) -> String {
        let real = try resolver.resolve(path, followLast: false)
        guard let parent = nodes[ShellPath.parent(real)] else { throw .notFound(path) }
        guard parent.kind == .directory else { throw .notADirectory(path) }
        return real
    }

    public func stat(_ path: String) throws(FileSystemError) -> FileStatus { status(try node(path, follow: true).1) }
    public func lstat(_ path: String) throws(FileSystemError) -> FileStatus { status(try node(path, follow: false).1) }

    public func readFile(_ path: String) throws(FileSystemError) -> ProvenancedBytes {
        let (_, node) = try node(path, follow: true)
        guard node.kind == .regular else { throw .isADirectory(path) }
        return contents[node.inode] ?? ProvenancedBytes()
    }

    public mutating func writeFile(_ path: String, _ data: ProvenancedBytes, mode: UInt32) throws(FileSystemError) {
        try store(path, data, mode: mode, append: false)
    }

    public mutating func appendFile(_ path: String, _ data: ProvenancedBytes, mode: UInt32) throws(FileSystemError) {
        try store(path, data, mode: mode, append: true)
    }

    private mutating func store(_ path: String, _ data: ProvenancedBytes, mode: UInt32, append: Bool) throws(FileSystemError) {
        let real = try resolver.resolve(path, followLast: true)
        if let existing = nodes[real] {
            guard existing.kind == .regular else { throw .isADirectory(path) }
            if append {
                var current = contents[existing.inode] ?? ProvenancedBytes()
                contents[existing.inode] = nil
                current.bytes += data.bytes
                current.provenance.merge(data.provenance)
                contents[existing.inode] = current
            } else {
                contents[existing.inode] = data
            }
            nodes[real]?.mtime = now
            return
        }
        _ = try placeForNew(real)
        let inode = nextInode
        nextInode += 1
        nodes[real] = Node(kind: .regular, mode: mode & 0o7777, mtime: now, inode: inode)
        contents[inode] = data
    }

    public mutating func mkdir(_ path: String, mode: UInt32) throws(FileSystemError) {
        let real = try placeForNew(path)
        if nodes[real] != nil { throw .exists(path) }
        nodes[real] = Node(kind: .directory, mode: mode & 0o7777, mtime: now)
    }

    public mutating func remove(_ path: String) throws(FileSystemError) {
        let (real, node) = try node(path, follow: false)
        if node.kind == .directory {
            if real == "/" { throw .permissionDenied(path) }
            let prefix = real + "/"
            if nodes.keys.contains(where: { $0.hasPrefix(prefix) }) { throw .notEmpty(path) }
        }
        nodes[real] = nil
        if node.kind == .regular, !nodes.values.contains(where: { $0.kind == .regular && $0.inode == node.inode }) {
            contents[node.inode] = nil
        }
    }

    public mutating func rename(_ from: String, to: String) throws(FileSystemError) {
        let (source, node) = try node(from, follow: false)
        let dest = try placeForNew(to)
        if source == dest { return }
        if let existing = nodes[dest] {
            if existing.kind == .directory {
                guard node.kind == .directory else { throw .isADirectory(to) }
                try remove(dest)
            } else if node.kind == .directory {
                throw .notADirectory(to)
            }
        }
        if node.kind == .directory && (dest + "/").hasPrefix(source + "/") { throw .invalidArgument(to) }
        let prefix = source + "/"
        for (key, value) in nodes where key == source || key.hasPrefix(prefix) {
            nodes[key] = nil
            nodes[dest + key.dropFirst(source.count)] = value
        }
    }

    public mutating func symlink(target: String, at path: String) throws(FileSystemError) {
        let real = try placeForNew(path)
        if nodes[real] != nil { throw .exists(path) }
        nodes[real] = Node(kind: .symlink, mode: 0o777, mtime: now, target: target)
    }

    public mutating func makeFifo(_ path: String, mode: UInt32) throws(FileSystemError) {
        let real = try placeForNew(path)
        if nodes[real] != nil { throw .exists(path) }
        nodes[real] = Node(kind: .fifo, mode: mode & 0o7777, mtime: now)
    }

    public mutating func hardlink(existing: String, at path: String) throws(FileSystemError) {
        let (_, node) = try node(existing, follow: false)
        guard node.kind != .directory else { throw .permissionDenied(existing) }
        let real = try placeForNew(path)
        if nodes[real] != nil { throw .exists(path) }
        nodes[real] = node
    }

    public func readlink(_ path: String) throws(FileSystemError) -> String {
        let (_, node) = try node(path, follow: false)
        guard node.kind == .symlink, let target = node.target else { throw .invalidArgument(path) }
        return target
    }

    public mutating func chmod(_ path: String, mode: UInt32) throws(FileSystemError) {
        let (real, node) = try node(path, follow: true)
        update(real, node) { $0.mode = mode & 0o7777 }
    }

    public mutating func chown(_ path: String, uid: Int, gid: Int) throws(FileSystemError) {
        let (real, node) = try node(path, follow: false)
        update(real, node) { $0.uid = uid; $0.gid = gid }
    }

    public mutating func utime(_ path: String, modificationTime: Int) throws(FileSystemError) {
        let (real, node) = try node(path, follow: true)
        update(real, node) { $0.mtime = modificationTime }
    }

    /// Applies a metadata change to every name of the inode, so hard links stay in agreement.
    private mutating func update(_ real: String, _ node: Node, _ change: (inout Node) -> Void) {
        if node.kind == .regular {
            for (key, value) in nodes where value.kind == .regular && value.inode == node.inode {
                change(&nodes[key, default: value])
            }
        } else {
            change(&nodes[real, default: node])
        }
    }

    public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let (real, node) = try node(path, follow: true)
        guard node.kind == .directory else { throw .notADirectory(path) }
        let prefix = real == "/" ? "/" : real + "/"
        return nodes.keys.compactMap { key -> String? in
            guard key.hasPrefix(prefix), key != "/" else { return nil }
            let rest = key.dropFirst(prefix.count)
            return rest.isEmpty || rest.contains("/") ? nil : String(rest)
        }.sorted()
    }

    public func realpath(_ path: String) throws(FileSystemError) -> String {
        try resolver.resolve(path, followLast: true)
    }
}

extension MemoryFileSystem {
    /// Seeds a file, creating parent directories; for building test trees.
    public mutating func seed(_ path: String, _ text: String, mode: UInt32 = 0o644, provenance: Provenance = .clean) throws(FileSystemError) {
        try makeParents(ShellPath.parent(path))
        try writeFile(path, ProvenancedBytes(Array(text.utf8), provenance: provenance), mode: mode)
    }

    /// Seeds a symlink, creating parent directories.
    public mutating func seedLink(_ path: String, to target: String) throws(FileSystemError) {
        try makeParents(ShellPath.parent(path))
        try symlink(target: target, at: path)
    }

    public mutating func makeParents(_ path: String) throws(FileSystemError) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if !exists(current) { try mkdir(current, mode: 0o755) }
        }
    }
}
