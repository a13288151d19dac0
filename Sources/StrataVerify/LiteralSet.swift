/// A set of literal byte strings, some matched ignoring ASCII case, searched in one pass.
///
/// Patterns of at least `ShiftMatcher.minimumLength` bytes (every encoded secret pattern
/// and every detector anchor) go to the skipping `ShiftMatcher`. Shorter ones (the raw value
/// of a secret of one to three bytes) would stop it from skipping, so they run through a
/// small Aho–Corasick automaton instead, which only exists when such a secret is declared.
struct LiteralSet: Sendable {
    /// The patterns as given (caseless ones lower-cased).
    let patterns: [[UInt8]]
    let lengths: [Int]
    let maximumLength: Int
    /// The shortest non-empty pattern (0 when there are none).
    let minimumLength: Int
    private let long: ShiftMatcher
    private let longIndex: [Int]
    private let short: PatternAutomaton
    private let shortIndex: [Int]
    private let shortCaseless: PatternAutomaton
    private let shortCaselessIndex: [Int]

    init(patterns: [[UInt8]], caseless: [Bool]) {
        let folded = patterns.indices.map { caseless[$0] ? patterns[$0].map(ByteClass.lower) : patterns[$0] }
        self.patterns = folded
        lengths = folded.map(\.count)
        maximumLength = lengths.max() ?? 0
        minimumLength = lengths.filter { $0 > 0 }.min() ?? 0
        let present = folded.indices.filter { !folded[$0].isEmpty }
        let longIndex = present.filter { folded[$0].count >= ShiftMatcher.minimumLength }
        let shortIndex = present.filter { folded[$0].count < ShiftMatcher.minimumLength && !caseless[$0] }
        let shortCaselessIndex = present.filter { folded[$0].count < ShiftMatcher.minimumLength && caseless[$0] }
        self.longIndex = longIndex
        self.shortIndex = shortIndex
        self.shortCaselessIndex = shortCaselessIndex
        long = ShiftMatcher(patterns: longIndex.map { folded[$0] }, caseless: longIndex.map { caseless[$0] })
        short = PatternAutomaton(patterns: shortIndex.map { folded[$0] })
        shortCaseless = PatternAutomaton(patterns: shortCaselessIndex.map { folded[$0] }, caseInsensitive: true)
    }

    var isEmpty: Bool { maximumLength == 0 }

    /// Calls `report(pattern, start)` for every occurrence wholly inside `buffer`, in no
    /// particular order.
    func search(_ buffer: UnsafeBufferPointer<UInt8>, _ report: (Int, Int) -> Void) {
        let longIndex = self.longIndex
        long.search(buffer) { local, start in report(longIndex[local], start) }
        for (automaton, index) in [(short, shortIndex), (shortCaseless, shortCaselessIndex)] where !index.isEmpty {
            _ = automaton.run(buffer, from: 0) { local, end in
                let pattern = index[Int(local)]
                report(pattern, end - lengths[pattern])
            }
        }
    }

    /// Every occurrence in `buffer` as (pattern, start), ordered by end, then pattern.
    func occurrences(in buffer: UnsafeBufferPointer<UInt8>) -> [(pattern: Int, start: Int)] {
        var found: [(pattern: Int, start: Int)] = []
        search(buffer) { found.append(($0, $1)) }
        return LiteralSet.sortedByEnd(found, lengths: lengths)
    }

    /// Sorted as one integer key per occurrence (end, then pattern): prose holds thousands of
    /// detector anchors (`token`) per chunk, and a comparator closure over tuples costs more
    /// than the search that found them.
    static func sortedByEnd(_ found: [(pattern: Int, start: Int)], lengths: [Int]) -> [(pattern: Int, start: Int)] {
        guard found.count > 1 else { return found }
        if lengths.count < 1 << 16, let last = found.last, last.start >= 0, last.start < 1 << 46 {
            var keys = found.map { ($0.start + lengths[$0.pattern]) << 16 | $0.pattern }
            if !keys.allSatisfy({ $0 >= 0 }) { return found.sorted { byEnd($0, $1, lengths) } }
            keys.sort()
            return keys.map { key in
                let pattern = key & 0xffff
                return (pattern, (key >> 16) - lengths[pattern])
            }
        }
        return found.sorted { byEnd($0, $1, lengths) }
    }

    private static func byEnd(_ a: (pattern: Int, start: Int), _ b: (pattern: Int, start: Int), _ lengths: [Int]) -> Bool {
        let ea = a.start + lengths[a.pattern]
        let eb = b.start + lengths[b.pattern]
        return ea != eb ? ea < eb : a.pattern < b.pattern
    }
}
