import StrataSupport

extension Snapshot {
    /// Information about the entry at `path`; a final symlink is followed unless
    /// `followSymlinks` is false (then it is `lstat`).
    public func stat(_ path: String, followSymlinks: Bool = true) throws(FSError) -> FileInfo {
        let resolved = try root.resolve(path, followFinal: followSymlinks)
        guard let node = resolved.node else { throw .noEntry(resolved.path) }
        return FileInfo(node, path: resolved.path)
    }

    /// Whether anything (including a dangling symlink) is at `path`.
    public func exists(_ path: String) -> Bool {
        (try? root.resolve(path, followFinal: false).node) != nil
    }

    /// The contents of the file at `path`, following symlinks.
    public func readFile(_ path: String) throws(FSError) -> [UInt8] {
        let resolved = try root.resolve(path)
        guard let node = resolved.node else { throw .noEntry(resolved.path) }
        switch node.body {
        case .directory: throw .isDirectory(resolved.path)
        case .symlink: throw .loop(resolved.path)
        case .fifo: throw .invalid(resolved.path, reason: "a FIFO has no stored contents")
        case .file(let content, _, _):
            do { return try store.get(content) } catch { throw .missingBlob(content, path: resolved.path) }
        }
    }

    /// The names in the directory at `path`, sorted by their bytes.
    public func list(_ path: String) throws(FSError) -> [String] {
        let resolved = try root.resolve(path)
        guard let node = resolved.node else { throw .noEntry(resolved.path) }
        guard let children = node.children else { throw .notDirectory(resolved.path) }
        return children.names
    }

    /// The target of the symlink at `path`, as stored.
    public func readlink(_ path: String) throws(FSError) -> String {
        let resolved = try root.resolve(path, followFinal: false)
        guard let node = resolved.node else { throw .noEntry(resolved.path) }
        guard case .symlink(let target) = node.body else { throw .invalid(resolved.path, reason: "not a symbolic link") }
        return target
    }

    /// Every entry below `/` (not `/` itself), parents before children, siblings sorted.
    public func walk(_ body: (FileInfo) throws -> Void) rethrows {
        try root.walk([]) { components, node in try body(FileInfo(node, path: FSPath.join(components))) }
    }

    /// Every entry as a list, in `walk` order.
    public func entries() -> [FileInfo] {
        var out: [FileInfo] = []
        walk { out.append($0) }
        return out
    }

    /// The metadata of `/`.
    public var rootMetadata: FileMetadata { root.metadata }
}

extension FileInfo {
    init(_ node: Node, path: String) {
        self.path = path
        self.metadata = node.metadata
        switch node.body {
        case .file(let content, let size, let link):
            kind = .file
            self.size = size
            self.content = content
            hardlinkGroup = link
        case .directory:
            kind = .directory
            size = 0
        case .symlink(let target):
            kind = .symlink
            size = target.utf8.count
            linkTarget = target
        case .fifo:
            kind = .fifo
            size = 0
        }
    }
}
