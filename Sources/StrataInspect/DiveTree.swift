/// A layer's entries as dive holds them: a tree of names, each node with the size and
/// directory flag of the tar entry that named it (nodes only implied by a deeper path have
/// size 0 and are not directories).
///
/// This mirrors dive's `filetree` package closely, odd corners included, because `strata
/// efficiency` must give dive's numbers: whiteouts (`.wh.name`) are leaves named as in the
/// archive, opaque markers (`.wh..wh..opq`) are dropped, and children are visited in byte
/// order of their names.
final class DiveNode {
    let name: String
    var size: Int64
    var isDirectory: Bool
    var children: [String: DiveNode] = [:]
    weak var parent: DiveNode?

    init(name: String, size: Int64 = 0, isDirectory: Bool = false, parent: DiveNode?) {
        self.name = name
        self.size = size
        self.isDirectory = isDirectory
        self.parent = parent
    }

    static let whiteoutPrefix = ".wh."
    static let opaquePrefix = ".wh..wh.."

    var isWhiteout: Bool { name.hasPrefix(Self.whiteoutPrefix) }
    var isLeaf: Bool { children.isEmpty }

    /// `/a/b/c`, with a whiteout's prefix removed from its own name (dive's `Path()`).
    var path: String {
        var names: [String] = []
        var node: DiveNode? = self
        while let current = node, current.parent != nil {
            var name = current.name
            if current === self && name.hasPrefix(Self.whiteoutPrefix) { name.removeFirst(Self.whiteoutPrefix.count) }
            names.append(name)
            node = current.parent
        }
        return ("/" + names.reversed().joined(separator: "/")).replacingOccurrences(of: "//", with: "/")
    }

    /// Children in Go's `sort.Strings` order: by bytes.
    var sortedChildren: [DiveNode] {
        children.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Visits the subtree below (and, unless it is the root, this node) deepest first, each
    /// node after its children; stops at the first error, as dive does.
    func visitChildFirst(_ visit: (DiveNode) throws -> Void, where include: (DiveNode) -> Bool = { _ in true }) throws {
        for child in sortedChildren { try child.visitChildFirst(visit, where: include) }
        if parent != nil && include(self) { try visit(self) }
    }

    func copy(parent: DiveNode?) -> DiveNode {
        let copied = DiveNode(name: name, size: size, isDirectory: isDirectory, parent: parent)
        for (name, child) in children { copied.children[name] = child.copy(parent: copied) }
        return copied
    }
}

struct DiveTree {
    let root: DiveNode
    /// The sum of the tar headers' sizes (dive's layer size).
    var fileSize: Int64 = 0

    init() { root = DiveNode(name: "", parent: nil) }

    /// A layer from its tar entries, in archive order.
    init(entries: [(path: String, size: Int64, isDirectory: Bool)]) {
        self.init()
        for entry in entries {
            fileSize += entry.size
            add(entry.path, size: entry.size, isDirectory: entry.isDirectory)
        }
    }

    /// dive's `AddPath`: creates missing parents without a payload, stops at an opaque marker,
    /// and puts the payload on the last node (replacing one already there).
    func add(_ path: String, size: Int64, isDirectory: Bool) {
        let names = path.split(separator: "/").map(String.init)
        var node = root
        for (index, name) in names.enumerated() {
            if let child = node.children[name] {
                node = child
            } else {
                if name.hasPrefix(DiveNode.opaquePrefix) { return }
                let child = DiveNode(name: name, parent: node)
                node.children[name] = child
                node = child
            }
            if index == names.count - 1 {
                node.size = size
                node.isDirectory = isDirectory
            }
        }
    }

    func node(at path: String) -> DiveNode? {
        var node = root
        for name in path.split(separator: "/") {
            guard let child = node.children[String(name)] else { return nil }
            node = child
        }
        return node
    }

    func copy() -> DiveTree {
        var copied = DiveTree()
        for (name, child) in root.children { copied.root.children[name] = child.copy(parent: copied.root) }
        copied.fileSize = fileSize
        return copied
    }

    /// dive's `Stack`: `upper` on top of this tree, whiteouts removing what they name.
    func stack(_ upper: DiveTree) {
        try? upper.root.visitChildFirst { node in
            if node.isWhiteout {
                if let removed = self.node(at: node.path), let parent = removed.parent { parent.children[removed.name] = nil }
            } else {
                add(node.path, size: node.size, isDirectory: node.isDirectory)
            }
        }
    }

    /// dive's `StackTreeRange(trees, 0, last)`: a copy of the first tree with every tree up to
    /// `last` stacked on it (the first one again included, as dive does).
    static func stacked(_ trees: [DiveTree], through last: Int) -> DiveTree {
        let tree = trees[0].copy()
        if last >= 0 { for index in 0...last { tree.stack(trees[index]) } }
        return tree
    }
}
