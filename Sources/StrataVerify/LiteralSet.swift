/// A set of literal byte strings (the encoded patterns of the declared secrets), searched in
/// one pass.
///
/// Patterns of at least `ShiftMatcher.minimumLength` bytes (every encoded pattern, and the raw
/// value of any secret of four bytes or more) go to the skipping `ShiftMatcher`. Shorter ones
/// (the raw value of a secret of one to three bytes) would stop it from skipping, so they run
/// through a small Aho–Corasick automaton instead, which only exists when such a secret is
/// declared.
struct LiteralSet: LiteralSearching {
    let patterns: [[UInt8]]
    let lengths: [Int]
    let maximumLength: Int
    /// The shortest non-empty pattern (0 when there are none).
    let minimumLength: Int
    private let long: ShiftMatcher
    private let longIndex: [Int]
    private let short: PatternAutomaton
    private let shortIndex: [Int]

    init(patterns: [[UInt8]]) {
        self.patterns = patterns
        lengths = patterns.map(\.count)
        maximumLength = lengths.max() ?? 0
        minimumLength = lengths.filter { $0 > 0 }.min() ?? 0
        let present = patterns.indices.filter { !patterns[$0].isEmpty }
        let longIndex = present.filter { patterns[$0].count >= ShiftMatcher.minimumLength }
        let shortIndex = present.filter { patterns[$0].count < ShiftMatcher.minimumLength }
        self.longIndex = longIndex
        self.shortIndex = shortIndex
        long = ShiftMatcher(patterns: longIndex.map { patterns[$0] })
        short = PatternAutomaton(patterns: shortIndex.map { patterns[$0] })
    }

    var isEmpty: Bool { maximumLength == 0 }

    /// Calls `report(pattern, start)` for every occurrence wholly inside `buffer`, in no
    /// particular order.
    func search(_ buffer: UnsafeBufferPointer<UInt8>, _ report: (Int, Int) -> Void) {
        let longIndex = self.longIndex
        long.search(buffer) { local, start in report(longIndex[local], start) }
        guard !shortIndex.isEmpty else { return }
        _ = short.run(buffer, from: 0) { local, end in
            let pattern = shortIndex[Int(local)]
            report(pattern, end - lengths[pattern])
        }
    }

    /// Every occurrence in `buffer` as (pattern, start), ordered by end, then pattern.
    func occurrences(in buffer: UnsafeBufferPointer<UInt8>) -> [(pattern: Int, start: Int)] {
        var found: [(pattern: Int, start: Int)] = []
        search(buffer) { found.append(($0, $1)) }
        return LiteralSet.sortedByEnd(found, lengths: lengths)
    }

    /// Sorted as one integer key per occurrence (end, then pattern): prose holds thousands of
    /// secret-pattern occurrences per chunk in the worst case, and a comparator closure over tuples costs more
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
