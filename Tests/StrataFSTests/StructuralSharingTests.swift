import Testing
@testable import StrataFS

/// Commits copy only the changed path; everything else is shared by reference.
@Suite struct StructuralSharingTests {
    /// All distinct nodes reachable from `snapshots`, by identity.
    static func distinctNodes(_ snapshots: [Snapshot]) -> Int {
        var seen: Set<ObjectIdentifier> = []
        func visit(_ node: Node) {
            guard seen.insert(ObjectIdentifier(node)).inserted else { return }
            node.children?.nodes.forEach(visit)
        }
        snapshots.forEach { visit($0.root) }
        return seen.count
    }

    @Test func thousandCommitsShareUntouchedSubtrees() throws {
        var b = Snapshot.empty(store: MemoryBlobStore()).mutable()
        for d in 0..<20 {
            try b.mkdir("/d\(d)")
            for f in 0..<50 { try b.writeFile("/d\(d)/f\(f)", []) }
        }
        let base = b.commit()
        let treeSize = Self.distinctNodes([base])
        #expect(treeSize == 1 + 20 + 1000)
        var snapshots = [base]
        var current = base
        for i in 0..<1000 {
            var edit = current.mutable(time: i)
            try edit.writeFile("/d\(i % 20)/new\(i)", [UInt8(truncatingIfNeeded: i)])
            current = edit.commit()
            snapshots.append(current)
        }
        // Each commit adds a file, its directory and the root: three nodes, not a tree.
        #expect(Self.distinctNodes(snapshots) == treeSize + 3 * 1000)
        // An untouched file is the very same node in the first and last snapshot.
        let first = try #require(base.root.node(at: ["d0", "f0"]))
        let last = try #require(current.root.node(at: ["d0", "f0"]))
        #expect(first === last)
    }
}
