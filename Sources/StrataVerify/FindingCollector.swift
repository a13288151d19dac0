/// Keeps the first finding for each (place, layer, path, index, field, secret, encoding),
/// and at most `limit` findings.
struct FindingCollector {
    let limit: Int
    private(set) var findings: [CollectedFinding] = []
    private var seen: Set<[String]> = []

    init(limit: Int) { self.limit = limit }

    mutating func add(_ new: [CollectedFinding]) {
        for item in new where findings.count < limit {
            let f = item.finding
            let key = [f.place.rawValue, "\(f.layer ?? -1)", item.rawPath ?? "", f.path ?? "", "\(f.index ?? -1)", f.field ?? "", f.secret, f.encoding]
            if seen.insert(key).inserted { findings.append(item) }
        }
    }

    mutating func merge(_ other: FindingCollector) { add(other.findings) }
}
