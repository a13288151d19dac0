import StrataFS
import StrataSupport

extension Snapshot {
    /// Every entry at or below `path` (absolute, no symlinks resolved in between), parents
    /// before children, siblings sorted. Only the subtree is visited: a cache key for
    /// `COPY file` must not walk the whole context.
    func entries(below path: String) -> [FileInfo] {
        if path == "/" { return entries() }
        // A path through a symlink names nothing here (`stat` would resolve it).
        guard let top = try? stat(path, followSymlinks: false), top.path == path else { return [] }
        var result: [FileInfo] = []
        collect(top, into: &result)
        return result
    }

    private func collect(_ info: FileInfo, into result: inout [FileInfo]) {
        result.append(info)
        guard info.kind == .directory, let names = try? list(info.path) else { return }
        for name in names {
            if let child = try? stat(info.path + "/" + name, followSymlinks: false) { collect(child, into: &result) }
        }
    }

    /// A snapshot whose root is the directory at `path` (bind mounts with `source=`).
    func subtree(at path: String) throws -> Snapshot {
        let normalized = FSPath.normalize(path)
        if normalized == "/" { return self }
        let top = try stat(normalized)
        guard top.kind == .directory else { throw FSError.notDirectory(normalized) }
        var fs = Snapshot.empty(store: store, rootMetadata: top.metadata).mutable(time: top.metadata.mtime)
        for info in entries(below: top.path) where info.path != top.path {
            try fs.place(info, at: String(info.path.dropFirst(top.path.count)), from: self)
        }
        return fs.commit()
    }

    /// Feeds a cache checksum with the content below `path`: relative names, kinds, modes and
    /// bytes (not mtimes, like BuildKit's content checksums).
    func walkChecksum(from path: String, into hasher: inout SHA256) {
        let base = path == "/" ? "" : path
        for info in entries(below: path) {
            var line = String(info.path.dropFirst(base.count)) + "\u{0}"
            switch info.kind {
            case .file: line += "f\(String(info.metadata.mode, radix: 8)):\(info.content?.hex ?? "")"
            case .directory: line += "d\(String(info.metadata.mode, radix: 8))"
            case .symlink: line += "l:\(info.linkTarget ?? "")"
            case .fifo: line += "p\(String(info.metadata.mode, radix: 8))"
            }
            line += ":\(info.metadata.uid):\(info.metadata.gid)\u{0}"
            hasher.update(Array(line.utf8))
        }
    }
}

extension MutableSnapshot {
    /// Creates an entry like `info` (from `source`, sharing its content blob) at `path`.
    mutating func place(_ info: FileInfo, at path: String, from source: Snapshot, metadata override: FileMetadata? = nil) throws {
        let metadata = override ?? info.metadata
        if exists(path) || (try? stat(path, followSymlinks: false)) != nil {
            let existing = try stat(path, followSymlinks: false)
            if !(existing.kind == .directory && info.kind == .directory) { try remove(path, recursive: true) }
        }
        switch info.kind {
        case .directory:
            if !exists(path) { try mkdir(path, mode: metadata.mode, uid: metadata.uid, gid: metadata.gid) }
        case .file:
            try writeFile(path, content: info.content ?? Digest.of([UInt8]()), size: info.size, mode: metadata.mode, uid: metadata.uid, gid: metadata.gid)
        case .symlink:
            try symlink(info.linkTarget ?? "", at: path, uid: metadata.uid, gid: metadata.gid)
        case .fifo:
            try mkfifo(path, mode: metadata.mode, uid: metadata.uid, gid: metadata.gid)
        }
        try setMetadata(path, metadata, followSymlinks: false)
    }
}

/// Finds what a COPY/ADD source names in its input: a cleaned path relative to the input's
/// root, with Go `filepath.Match` wildcards per component.
enum CopySources {
    static func match(_ source: String, in snapshot: Snapshot, allowWildcards: Bool) throws -> [String] {
        let cleaned = FSPath.normalize("/" + source)
        let pattern = PathPattern(cleaned)
        guard allowWildcards && pattern.hasWildcards else {
            guard (try? snapshot.stat(cleaned, followSymlinks: false)) != nil else { throw ExecError.copySourceMissing(cleaned) }
            return [cleaned]
        }
        var candidates = ["/"]
        for component in cleaned.split(separator: "/") {
            var next: [String] = []
            for directory in candidates {
                guard let names = try? snapshot.list(directory) else { continue }
                for name in names where PathPattern.matchComponent(Array(component.utf8)[...], Array(name.utf8)[...]) {
                    next.append(directory == "/" ? "/" + name : directory + "/" + name)
                }
            }
            candidates = next
        }
        return candidates.sorted()
    }
}
