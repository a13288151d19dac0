/// A directory's entries, sorted by the bytes of their names (as `filepath.Walk` and tar
/// consumers order them), found by binary search.
struct Children: Sendable {
    private(set) var names: [String] = []
    private(set) var nodes: [Node] = []

    var count: Int { names.count }
    var isEmpty: Bool { names.isEmpty }

    /// Where `name` is, or where it would be inserted.
    private func index(of name: String) -> (Int, found: Bool) {
        var low = 0
        var high = names.count
        while low < high {
            let mid = (low + high) / 2
            if names[mid].utf8.lexicographicallyPrecedes(name.utf8) { low = mid + 1 } else { high = mid }
        }
        return (low, low < names.count && names[low].utf8.elementsEqual(name.utf8))
    }

    subscript(name: String) -> Node? {
        let (i, found) = index(of: name)
        return found ? nodes[i] : nil
    }

    mutating func set(_ name: String, _ node: Node?) {
        let (i, found) = index(of: name)
        switch (found, node) {
        case (true, let node?): nodes[i] = node
        case (true, nil): names.remove(at: i); nodes.remove(at: i)
        case (false, let node?): names.insert(name, at: i); nodes.insert(node, at: i)
        case (false, nil): break
        }
    }
}
