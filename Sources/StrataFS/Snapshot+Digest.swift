import StrataSupport

extension Snapshot {
    /// A content address for the whole tree: the same files, metadata and hard-link structure
    /// give the same digest on any machine, however the snapshot was built.
    ///
    /// Subtree hashes are cached in the shared nodes, so after a small commit only the
    /// changed path is rehashed.
    public var digest: Digest {
        var sha = SHA256()
        sha.update(Array("strata-snapshot-v1\n".utf8))
        sha.update(root.hash)
        // Hard links enter by the paths they join (group ids depend on history); a group
        // with one remaining name is an ordinary file.
        for group in hardlinkGroups() {
            sha.update(Array(group.joined(separator: "\0").utf8))
            sha.update([0x0a])
        }
        return Digest(sha256: sha.finalize())
    }

    /// Paths that name one file, each group sorted, groups sorted by their first path; only
    /// groups with at least two names. Walks only subtrees that contain links.
    public func hardlinkGroups() -> [[String]] {
        var groups: [UInt64: [String]] = [:]
        func visit(_ node: Node, _ prefix: [String]) {
            guard node.containsLinks, let children = node.children else { return }
            for (name, child) in zip(children.names, children.nodes) where child.containsLinks {
                if case .file(_, _, let link?) = child.body {
                    groups[link, default: []].append(FSPath.join(prefix + [name]))
                } else {
                    visit(child, prefix + [name])
                }
            }
        }
        visit(root, [])
        return groups.values.filter { $0.count > 1 }.map { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            .sorted { $0[0].utf8.lexicographicallyPrecedes($1[0].utf8) }
    }
}

extension Snapshot: Equatable {
    /// Equal trees, by digest.
    public static func == (lhs: Snapshot, rhs: Snapshot) -> Bool {
        lhs.root === rhs.root || lhs.digest == rhs.digest
    }
}
