import CStrataScan

/// Case-insensitive literals (the detectors' anchors) found by a Teddy fingerprint filter.
///
/// Anchors are short (`akia`, `ghp_`, `token`), so a skipping matcher can hardly skip over
/// them; instead every position is tested, 32 at a time with AVX2: the low and high nibbles of
/// four consecutive bytes index small tables of bucket bits (eight buckets of similar
/// anchors, grouped by `AnchorFingerprint`), and only positions whose four bytes fit a bucket
/// are compared with that bucket's anchors. Letters enter the tables under both cases, so the filter never folds case.
/// Without AVX2 the same filter runs one position at a time through two 64 Ki-entry tables of
/// byte pairs, with the same results.
struct AnchorSet: LiteralSearching {
    /// The anchors, lower-cased.
    let patterns: [[UInt8]]
    let lengths: [Int]
    let maximumLength: Int
    let minimumLength: Int
    private let masks: cstrata_teddy_masks
    /// Bucket b holds `members[bucketStart[b]..<bucketStart[b + 1]]`.
    private let bucketStart: [UInt16]
    private let members: [UInt16]
    /// The patterns end to end, with each one's start and length, for the C side.
    private let flat: [UInt8]
    private let flatStart: [UInt32]
    private let flatLength: [UInt32]
    /// Forces the scalar filter (for tests that hold both paths to the same answers).
    private let portable: Bool
    /// The scalar filter's pair tables, made only where it runs.
    private let pairs: [UInt8]

    static let bucketCount = 8

    init(patterns: [[UInt8]], portable: Bool = false) {
        let folded = patterns.map { $0.map(ByteClass.lower) }
        self.patterns = folded
        lengths = folded.map(\.count)
        maximumLength = lengths.max() ?? 0
        minimumLength = lengths.filter { $0 > 0 }.min() ?? 0
        self.portable = portable
        let buckets = AnchorFingerprint.buckets(for: folded, count: Self.bucketCount)
        bucketStart = buckets.indices.reduce(into: [UInt16(0)]) { starts, b in starts.append(starts[b] + UInt16(buckets[b].count)) }
        members = buckets.flatMap { $0.map { UInt16($0) } }
        flat = folded.flatMap { $0 }
        flatStart = folded.indices.reduce(into: [UInt32]()) { starts, k in starts.append(k == 0 ? 0 : starts[k - 1] + UInt32(folded[k - 1].count)) }
        flatLength = folded.map { UInt32($0.count) }
        var masks = cstrata_teddy_masks()
        withUnsafeMutableBytes(of: &masks) { raw in
            precondition(raw.count == 2 * AnchorFingerprint.width * 16, "cstrata_teddy_masks does not match AnchorFingerprint.width")
            // Layout: lo[width][16] then hi[width][16].
            let width = AnchorFingerprint.width
            for (bucket, members) in buckets.enumerated() {
                let bit = UInt8(1) << UInt8(bucket)
                for index in members {
                    let print = AnchorFingerprint(folded[index])
                    for k in 0..<width {
                        for n in 0..<16 {
                            if print.low[k] & 1 << n != 0 { raw[k * 16 + n] |= bit }
                            if print.high[k] & 1 << n != 0 { raw[(width + k) * 16 + n] |= bit }
                        }
                    }
                }
            }
        }
        self.masks = masks
        var pairs: [UInt8] = []
        if portable || cstrata_scan_vectorised() == 0 {
            pairs = [UInt8](repeating: 0, count: 2 << 16)
            pairs.withUnsafeMutableBufferPointer { cstrata_teddy_pairs_init(&masks, $0.baseAddress) }
        }
        self.pairs = pairs
    }

    var isEmpty: Bool { maximumLength == 0 }

    /// Calls `report(anchor, start)` for every occurrence wholly inside `buffer`, ordered by
    /// start.
    func search(_ buffer: UnsafeBufferPointer<UInt8>, _ report: (Int, Int) -> Void) {
        guard let base = buffer.baseAddress, !buffer.isEmpty, !isEmpty else { return }
        let count = buffer.count
        withTables { tables in
            // On the stack: most searches are of small buffers (names, config values, the
            // joints between chunks), and a heap allocation would cost more than the search.
            let capacity = max(256, 2 * patterns.count)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { found in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity) { starts in
                    var from = 0
                    while from < count {
                        var next = 0
                        let n = cstrata_anchor_find(
                            &tables, base, count, from, found.baseAddress, starts.baseAddress, capacity, &next, portable ? 1 : 0)
                        for k in 0..<n { report(Int(found[k]), Int(starts[k])) }
                        from = next
                    }
                }
            }
        }
    }

    /// The C view of the tables, valid inside `body`.
    private func withTables(_ body: (inout cstrata_anchor_tables) -> Void) {
        var masks = self.masks
        bucketStart.withUnsafeBufferPointer { bucketStart in
            members.withUnsafeBufferPointer { members in
                flat.withUnsafeBufferPointer { flat in
                    flatStart.withUnsafeBufferPointer { flatStart in
                        flatLength.withUnsafeBufferPointer { flatLength in
                            pairs.withUnsafeBufferPointer { pairs in
                                withUnsafePointer(to: &masks) { masks in
                                    var tables = cstrata_anchor_tables(
                                        masks: masks, bucket_start: bucketStart.baseAddress, members: members.baseAddress,
                                        literals: flat.baseAddress, starts: flatStart.baseAddress, lengths: flatLength.baseAddress,
                                        count: patterns.count, pairs: pairs.baseAddress)
                                    body(&tables)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
