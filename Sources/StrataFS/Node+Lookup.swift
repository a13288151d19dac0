/// A path looked up from a root: its canonical components and the node there, if any.
struct Resolved {
    /// Components of the entry's path with every symlink on the way resolved.
    var components: [String]
    /// The entry, or nil when only the last component is missing (its parent is a directory).
    var node: Node?

    var path: String { FSPath.join(components) }
}

extension Node {
    /// Resolves `path` from this root like a chroot: `..` stops at `/`, absolute link targets
    /// restart at this root. Lookup costs O(depth · log width) plus the links followed.
    ///
    /// - Parameter followFinal: whether a symlink as the last component is followed (`stat`)
    ///   or returned itself (`lstat`).
    func resolve(_ path: String, followFinal: Bool = true) throws(FSError) -> Resolved {
        var pending = Array(FSPath.components(path).reversed())
        var chain: [(name: String, node: Node)] = []
        var hops = 0
        while let name = pending.popLast() {
            let current = chain.last?.node ?? self
            if name == "." { continue }
            if name == ".." {
                if !chain.isEmpty { chain.removeLast() }
                continue
            }
            guard let children = current.children else {
                throw .notDirectory(FSPath.join(chain.map(\.name)))
            }
            let isLast = !pending.contains { $0 != "." }
            guard let child = children[name] else {
                if isLast && !pending.contains("..") {
                    return Resolved(components: chain.map(\.name) + [name], node: nil)
                }
                throw .noEntry(FSPath.join(chain.map(\.name) + [name]))
            }
            if case .symlink(let target) = child.body, !isLast || followFinal {
                hops += 1
                if hops > FSPath.maximumSymlinkHops { throw .loop(path) }
                if target.hasPrefix("/") { chain.removeAll() }
                pending.append(contentsOf: FSPath.components(target).reversed())
                continue
            }
            chain.append((name, child))
        }
        return Resolved(components: chain.map(\.name), node: chain.last?.node ?? self)
    }

    /// The node at already-resolved `components`, without following anything.
    func node(at components: ArraySlice<String>) -> Node? {
        var current = self
        for name in components {
            guard let next = current.children?[name] else { return nil }
            current = next
        }
        return current
    }

    /// A new root with the entry at resolved `components` replaced by `replacement` (removed
    /// when nil). Only the directories on the path are rebuilt; everything else is shared.
    /// When `touch` is set, the parent directory's mtime becomes it (an entry was added or
    /// removed, as a real filesystem does).
    func replacing(_ components: ArraySlice<String>, with replacement: Node?, touch: Int?) -> Node {
        guard let name = components.first, var children = self.children else {
            return replacement ?? self
        }
        if components.count == 1 {
            children.set(name, replacement)
            var metadata = self.metadata
            if let touch { metadata.mtime = touch }
            return Node(.directory(children), metadata: metadata)
        }
        guard let child = children[name] else { return self }
        children.set(name, child.replacing(components.dropFirst(), with: replacement, touch: touch))
        return with(children: children)
    }

    /// Calls `body` for every node below this one, parents before children, siblings in
    /// byte order of their names.
    func walk(_ prefix: [String], _ body: ([String], Node) throws -> Void) rethrows {
        guard let children else { return }
        for (name, child) in zip(children.names, children.nodes) {
            let path = prefix + [name]
            try body(path, child)
            try child.walk(path, body)
        }
    }
}
