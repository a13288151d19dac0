import StrataSupport

extension MutableSnapshot {
    /// Creates or truncates the file at `path` (following symlinks) with `bytes`.
    ///
    /// A new file gets `mode` (default 0644) and `uid`/`gid` (default 0); an existing file
    /// keeps its mode and owner unless they are given. Its mtime becomes `time`.
    public mutating func writeFile(_ path: String, _ bytes: [UInt8], mode: UInt32? = nil, uid: Int? = nil, gid: Int? = nil) throws(FSError) {
        let digest = try storeBytes(bytes, for: path)
        try writeFile(path, content: digest, size: bytes.count, mode: mode, uid: uid, gid: gid)
    }

    /// As `writeFile(_:_:mode:uid:gid:)` for contents already in the store.
    public mutating func writeFile(_ path: String, content: Digest, size: Int, mode: UInt32? = nil, uid: Int? = nil, gid: Int? = nil) throws(FSError) {
        let resolved = try root.resolve(path)
        guard let old = resolved.node else {
            guard !resolved.components.isEmpty else { throw .isDirectory("/") }
            let metadata = FileMetadata(mode: mode ?? 0o644, uid: uid ?? 0, gid: gid ?? 0, mtime: time)
            place(Node(.file(content: content, size: size, link: nil), metadata: metadata), at: resolved.components, touchParent: true)
            return
        }
        guard case .file(_, _, let link) = old.body else { throw .isDirectory(resolved.path) }
        var metadata = old.metadata
        if let mode { metadata.mode = mode & 0o7777 }
        if let uid { metadata.uid = uid }
        if let gid { metadata.gid = gid }
        metadata.mtime = time
        update(resolved) { _ in Node(.file(content: content, size: size, link: link), metadata: metadata) }
    }

    /// Appends `bytes` to the file at `path`, creating it (mode 0644) when missing.
    public mutating func append(_ path: String, _ bytes: [UInt8]) throws(FSError) {
        let existing: [UInt8]
        do { existing = try readFile(path) } catch .noEntry { existing = [] }
        try writeFile(path, existing + bytes)
    }

    /// Creates a directory. With `parents`, missing ancestors are created too and an existing
    /// directory is not an error (`mkdir -p`).
    public mutating func mkdir(_ path: String, mode: UInt32 = 0o755, uid: Int = 0, gid: Int = 0, parents: Bool = false) throws(FSError) {
        let metadata = FileMetadata(mode: mode, uid: uid, gid: gid, mtime: time)
        guard parents else {
            let resolved = try root.resolve(path, followFinal: false)
            if resolved.node != nil { throw .exists(resolved.path) }
            place(.emptyDirectory(metadata), at: resolved.components, touchParent: true)
            return
        }
        let components = FSPath.components(path)
        for end in components.indices {
            let prefix = FSPath.join(components[...end])
            let resolved = try root.resolve(prefix)
            if let node = resolved.node {
                if !node.isDirectory { throw end == components.count - 1 ? .exists(resolved.path) : .notDirectory(resolved.path) }
                continue
            }
            place(.emptyDirectory(metadata), at: resolved.components, touchParent: true)
        }
    }

    /// Removes the entry at `path` (a final symlink itself, not its target). A directory
    /// must be empty unless `recursive`.
    public mutating func remove(_ path: String, recursive: Bool = false) throws(FSError) {
        let resolved = try root.resolve(path, followFinal: false)
        guard let node = resolved.node else { throw .noEntry(resolved.path) }
        guard !resolved.components.isEmpty else { throw .notPermitted("/", reason: "cannot remove the root") }
        if let children = node.children, !children.isEmpty, !recursive { throw .notEmpty(resolved.path) }
        place(nil, at: resolved.components, touchParent: true)
    }

    /// Moves the entry at `from` to `to` with `rename(2)` rules: a file replaces a file, a
    /// directory replaces an empty directory, a directory cannot move into itself.
    public mutating func rename(_ from: String, to: String) throws(FSError) {
        let source = try root.resolve(from, followFinal: false)
        guard let node = source.node else { throw .noEntry(source.path) }
        let target = try root.resolve(to, followFinal: false)
        guard !source.components.isEmpty, !target.components.isEmpty else {
            throw .notPermitted("/", reason: "cannot rename the root")
        }
        if source.components == target.components { return }
        if target.components.starts(with: source.components) {
            throw .invalid(target.path, reason: "cannot move \(source.path) into itself")
        }
        if let existing = target.node {
            switch (node.isDirectory, existing.isDirectory) {
            case (true, false): throw .notDirectory(target.path)
            case (false, true): throw .isDirectory(target.path)
            case (true, true): if existing.children?.isEmpty == false { throw .notEmpty(target.path) }
            case (false, false): break
            }
        }
        place(nil, at: source.components, touchParent: true)
        place(node, at: target.components, touchParent: true)
    }

    /// Creates a symlink at `path` pointing to `target` (stored as given, not checked).
    public mutating func symlink(_ target: String, at path: String, uid: Int = 0, gid: Int = 0) throws(FSError) {
        let resolved = try root.resolve(path, followFinal: false)
        if resolved.node != nil { throw .exists(resolved.path) }
        let metadata = FileMetadata(mode: 0o777, uid: uid, gid: gid, mtime: time)
        place(Node(.symlink(target), metadata: metadata), at: resolved.components, touchParent: true)
    }

    /// Creates a named pipe at `path` (`mkfifo`); the parent must exist.
    public mutating func mkfifo(_ path: String, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) throws(FSError) {
        let resolved = try root.resolve(path, followFinal: false)
        if resolved.node != nil { throw .exists(resolved.path) }
        let metadata = FileMetadata(mode: mode, uid: uid, gid: gid, mtime: time)
        place(Node(.fifo, metadata: metadata), at: resolved.components, touchParent: true)
    }

    /// Makes `path` another name of the file at `existing` (not following a final symlink,
    /// as `link(2)`): both names then share contents and metadata.
    public mutating func hardlink(_ existing: String, at path: String) throws(FSError) {
        try hardlink(existing, at: path, touchParent: true)
    }

    mutating func hardlink(_ existing: String, at path: String, touchParent: Bool) throws(FSError) {
        let source = try root.resolve(existing, followFinal: false)
        guard var node = source.node else { throw .noEntry(source.path) }
        if node.isDirectory { throw .notPermitted(source.path, reason: "hard link to a directory") }
        let target = try root.resolve(path, followFinal: false)
        if target.node != nil { throw .exists(target.path) }
        if case .file(let content, let size, nil) = node.body {
            node = Node(.file(content: content, size: size, link: nextLinkGroup), metadata: node.metadata)
            nextLinkGroup += 1
            place(node, at: source.components, touchParent: false)
        }
        place(node, at: target.components, touchParent: touchParent)
    }

    /// Sets the permission bits (including setuid, setgid, sticky), following symlinks.
    public mutating func chmod(_ path: String, _ mode: UInt32) throws(FSError) {
        try changeMetadata(path, follow: true) { $0.mode = mode & 0o7777 }
    }

    /// Sets the owner; `followSymlinks: false` is `lchown`.
    public mutating func chown(_ path: String, uid: Int, gid: Int, followSymlinks: Bool = true) throws(FSError) {
        try changeMetadata(path, follow: followSymlinks) { $0.uid = uid; $0.gid = gid }
    }

    /// Sets the modification time; `followSymlinks: false` touches a symlink itself.
    public mutating func utime(_ path: String, mtime: Int, followSymlinks: Bool = true) throws(FSError) {
        try changeMetadata(path, follow: followSymlinks) { $0.mtime = mtime }
    }

    /// Sets an extended attribute, or removes it when `value` is nil.
    public mutating func setXattr(_ path: String, name: String, value: [UInt8]?, followSymlinks: Bool = true) throws(FSError) {
        try changeMetadata(path, follow: followSymlinks) { $0.xattrs[name] = value }
    }

    /// Sets all metadata of an entry at once (used when applying layers).
    public mutating func setMetadata(_ path: String, _ metadata: FileMetadata, followSymlinks: Bool = false) throws(FSError) {
        try changeMetadata(path, follow: followSymlinks) { $0 = metadata }
    }

    private mutating func changeMetadata(_ path: String, follow: Bool, _ change: (inout FileMetadata) -> Void) throws(FSError) {
        let resolved = try root.resolve(path, followFinal: follow)
        guard resolved.node != nil else { throw .noEntry(resolved.path) }
        update(resolved) { node in
            var metadata = node.metadata
            change(&metadata)
            return node.with(metadata: metadata)
        }
    }
}
