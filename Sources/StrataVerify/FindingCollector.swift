/// Keeps the first finding for each (place, layer, path, index, field, secret, encoding),
/// and at most `limit` findings.
struct FindingCollector {
    let limit: Int
    private(set) var findings: [CollectedFinding] = []
    private var seen: Set<[String]> = []
    /// Whether a new finding was turned away because the limit was reached.
    private(set) var overflowed = false

    init(limit: Int) { self.limit = limit }

    mutating func add(_ new: [CollectedFinding]) {
        for item in new {
            let f = item.finding
            let key = [f.place.rawValue, "\(f.layer ?? -1)", item.rawPath ?? "", f.path ?? "", "\(f.index ?? -1)", f.field ?? "", f.secret, f.encoding]
            guard !seen.contains(key) else { continue }
            guard findings.count < limit else {
                overflowed = true
                return
            }
            seen.insert(key)
            findings.append(item)
        }
    }

    mutating func merge(_ other: FindingCollector) {
        add(other.findings)
        overflowed = overflowed || other.overflowed
    }
}
