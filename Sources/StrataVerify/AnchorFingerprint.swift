/// What the Teddy filter knows of a bucket of anchors: for each of the first `width` byte
/// positions, which low and which high nibbles may appear there, in either case.
///
/// The filter accepts every combination of an allowed low and an allowed high nibble, so a
/// bucket of unlike anchors accepts bytes none of them has. `cost` estimates how often a bucket
/// fires on ordinary content, and `AnchorFingerprint.buckets` groups anchors to keep it low.
struct AnchorFingerprint: Equatable {
    static let width = 4
    /// Bit n of `low[k]` (of `high[k]`): a byte with low (high) nibble n may be at position k.
    /// Vectors rather than arrays: grouping compares hundreds of unions, and must not allocate.
    var low = SIMD4<UInt16>(repeating: 0xffff)
    var high = SIMD4<UInt16>(repeating: 0xffff)

    /// The fingerprint of one lower-cased anchor; past its end every byte fits.
    init(_ pattern: [UInt8]) {
        for k in 0..<min(Self.width, pattern.count) {
            let byte = pattern[k]
            low[k] = 1 << (byte & 15)
            high[k] = 1 << (byte >> 4) | (ByteClass.isLower(byte) ? 1 << ((byte - 32) >> 4) : 0)
        }
    }

    func union(_ other: AnchorFingerprint) -> AnchorFingerprint {
        var merged = self
        merged.low |= other.low
        merged.high |= other.high
        return merged
    }

    /// The product over positions of how many bytes the position accepts, a printable ASCII
    /// byte (high nibble 2 to 7) counting ten times as much as any other: text is where a
    /// loose bucket costs most.
    var cost: Double {
        (0..<Self.width).reduce(1.0) { product, k in
            let lows = Double(low[k].nonzeroBitCount)
            let printable = Double((high[k] & 0x00fc).nonzeroBitCount)
            let other = Double((high[k] & ~0x00fc).nonzeroBitCount)
            return product * lows * (printable + other / 10)
        }
    }

    /// Groups `patterns` (by index) into at most `count` buckets: starting from one bucket per
    /// anchor, the two whose union adds the least cost are merged until few enough remain.
    /// Ties go to the earliest pair, so the grouping is the same on every run.
    static func buckets(for patterns: [[UInt8]], count: Int) -> [[Int]] {
        var groups = patterns.indices.filter { !patterns[$0].isEmpty }.map { (members: [$0], print: AnchorFingerprint(patterns[$0])) }
        while groups.count > count {
            var best = (added: Double.infinity, i: 0, j: 1)
            for i in groups.indices {
                for j in (i + 1)..<groups.count {
                    let added = groups[i].print.union(groups[j].print).cost - groups[i].print.cost - groups[j].print.cost
                    if added < best.added { best = (added, i, j) }
                }
            }
            groups[best.i] = (groups[best.i].members + groups[best.j].members, groups[best.i].print.union(groups[best.j].print))
            groups.remove(at: best.j)
        }
        return groups.map(\.members) + Array(repeating: [], count: count - groups.count)
    }
}
