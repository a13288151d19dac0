import StrataSupport

extension MutableSnapshot {
    /// Places the entry at `sourcePath` of `source` (a whole subtree for a directory) at
    /// `path` here, as `COPY --from` or `cp -a` would, without copying any node: the subtree
    /// is shared with `source`, so copying a large directory costs O(depth).
    ///
    /// A final symlink in `sourcePath` is followed unless `followSymlinks` is false. `path`
    /// must not exist and its parent must be a directory. Hard links inside the subtree stay
    /// linked to each other but not to anything outside it. Contents are copied into this
    /// snapshot's store when `source` uses another store.
    public mutating func copy(_ sourcePath: String, from source: Snapshot, to path: String, followSymlinks: Bool = true) throws(FSError) {
        let from = try source.root.resolve(sourcePath, followFinal: followSymlinks)
        guard var node = from.node else { throw .noEntry(from.path) }
        let target = try root.resolve(path, followFinal: false)
        if target.node != nil { throw .exists(target.path) }
        guard !target.components.isEmpty else { throw .exists("/") }
        if (source.store as AnyObject) !== (store as AnyObject) {
            try copyBlobs(of: node, from: source.store, path: from.path)
        }
        if node.containsLinks {
            var renumbered: [UInt64: UInt64] = [:]
            node = renumberLinks(node, &renumbered)
        }
        place(node, at: target.components, touchParent: true)
    }

    /// Gives the subtree's hard-link groups fresh ids of this snapshot, so they cannot merge
    /// with groups already here.
    private mutating func renumberLinks(_ node: Node, _ map: inout [UInt64: UInt64]) -> Node {
        guard node.containsLinks else { return node }
        switch node.body {
        case .file(let content, let size, let link?):
            let fresh = map[link] ?? nextLinkGroup
            if map[link] == nil {
                map[link] = fresh
                nextLinkGroup += 1
            }
            return Node(.file(content: content, size: size, link: fresh), metadata: node.metadata)
        case .directory(var children):
            for (name, child) in zip(children.names, children.nodes) where child.containsLinks {
                children.set(name, renumberLinks(child, &map))
            }
            return node.with(children: children)
        default:
            return node
        }
    }

    private func copyBlobs(of node: Node, from other: any BlobStore, path: String) throws(FSError) {
        var pending: [Digest] = []
        if case .file(let content, _, _) = node.body { pending.append(content) }
        node.walk([]) { _, child in
            if case .file(let content, _, _) = child.body { pending.append(content) }
        }
        for digest in Set(pending) {
            let bytes: [UInt8]
            do { bytes = try other.get(digest) } catch { throw .missingBlob(digest, path: path) }
            _ = try storeBytes(bytes, for: path)
        }
    }
}
