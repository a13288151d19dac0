/// Resolves symlinks component by component, the way the kernel's path walk does, for file
/// systems that are not the host's own (so an absolute link target stays inside the tree).
struct PathResolver {
    /// What the walk needs to know about one already-resolved path.
    enum Entry { case missing, directory, file, symlink(String) }

    let lookup: (String) -> Entry

    /// The path with every symlink resolved; when `followLast` is false the final component is
    /// kept as is. A missing final component is allowed; a missing intermediate one is not.
    func resolve(_ path: String, followLast: Bool) throws(FileSystemError) -> String {
        var pending = ShellPath.resolve(path, in: "/").split(separator: "/").map(String.init)
        pending.reverse()
        var current = "/"
        var hops = 0
        while let name = pending.popLast() {
            if name == "." { continue }
            if name == ".." { current = ShellPath.parent(current); continue }
            let candidate = ShellPath.join(current, name)
            let isLast = pending.isEmpty
            switch lookup(candidate) {
            case .missing:
                if isLast { return candidate }
                throw .notFound(path)
            case .directory:
                current = candidate
            case .file:
                if !isLast { throw .notADirectory(path) }
                current = candidate
            case .symlink(let target):
                if isLast && !followLast { return candidate }
                hops += 1
                if hops > 40 { throw .tooManyLinks(path) }
                if target.hasPrefix("/") { current = "/" }
                for part in target.split(separator: "/").reversed() { pending.append(String(part)) }
            }
        }
        return current
    }
}
