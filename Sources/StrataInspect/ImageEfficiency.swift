/// How much of an image's bytes are wasted, computed as dive computes it (`filetree.Efficiency`
/// and `image.Analyze`), so that `strata efficiency` and `CI=true dive` agree to the byte.
///
/// Every leaf of every layer counts toward its path: a file's size, a whiteout's the size of
/// the directory it removes (0 for a removed file). A path met in more than one layer is an
/// inefficiency whose wasted bytes are all its sizes together; the score is the sum over paths
/// of their smallest size divided by the sum of all sizes.
public struct ImageEfficiency: Sendable, Equatable {
    public struct Inefficiency: Sendable, Equatable {
        public var path: String
        /// How many layers hold the path.
        public var count: Int
        public var wastedBytes: Int64
    }

    /// Between 0 and 1.
    public var score: Double
    public var wastedBytes: Int64
    /// Bytes of every layer, and of every layer but the first (dive's "user" bytes).
    public var sizeBytes: Int64
    public var userSizeBytes: Int64
    /// `wastedBytes / userSizeBytes` (infinite or NaN when the user layers are empty, as in dive).
    public var userWastedRatio: Double
    /// Largest waste first, as dive lists them.
    public var inefficiencies: [Inefficiency]

    /// `layers`: each layer's tar entries (path, size, whether a directory), base first.
    public init(layers: [[(path: String, size: Int64, isDirectory: Bool)]]) {
        let trees = layers.map { DiveTree(entries: $0) }
        struct PathData {
            var path: String
            var count = 0
            var cumulative: Int64 = 0
            var minimum: Int64 = -1
        }
        var data: [String: PathData] = [:]
        var discovered: [String] = []
        for (index, tree) in trees.enumerated() {
            // What the layers below hold, for the whiteouts: dive stacks them again for each
            // whiteout; they are the same for all of a layer's, so once is enough.
            var below: DiveTree?
            // A whiteout with nothing below it to remove stops dive's walk of that layer.
            try? tree.root.visitChildFirst({ node in
                let path = node.path
                if data[path] == nil { data[path] = PathData(path: path) }
                var size: Int64 = 0
                if node.isWhiteout {
                    if below == nil { below = DiveTree.stacked(trees, through: index - 1) }
                    guard let removed = below?.node(at: path) else { throw EfficiencyWalkStopped() }
                    if removed.isDirectory { try? removed.visitChildFirst { size += $0.size } }
                } else {
                    size = node.size
                }
                data[path]?.cumulative += size
                if let minimum = data[path]?.minimum, minimum < 0 || size < minimum { data[path]?.minimum = size }
                data[path]?.count += 1
                if data[path]?.count == 2 { discovered.append(path) }
            }, where: { $0.isLeaf })
        }
        let minimum = data.values.reduce(Int64(0)) { $0 + $1.minimum }
        let total = data.values.reduce(Int64(0)) { $0 + $1.cumulative }
        score = total == 0 ? 1 : Double(minimum) / Double(total)
        // dive sorts by waste (small slices: insertion sort, so ties keep discovery order) and
        // lists from the end.
        let found = discovered.compactMap { data[$0] }.enumerated()
            .sorted { $0.element.cumulative != $1.element.cumulative ? $0.element.cumulative < $1.element.cumulative : $0.offset < $1.offset }
            .map(\.element)
        inefficiencies = found.reversed().map { Inefficiency(path: $0.path, count: $0.count, wastedBytes: $0.cumulative) }
        wastedBytes = found.reduce(0) { $0 + $1.cumulative }
        sizeBytes = trees.reduce(0) { $0 + $1.fileSize }
        userSizeBytes = trees.dropFirst().reduce(0) { $0 + $1.fileSize }
        userWastedRatio = Double(wastedBytes) / Double(userSizeBytes)
    }
}

struct EfficiencyWalkStopped: Error {}
