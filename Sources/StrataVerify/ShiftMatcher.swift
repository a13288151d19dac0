import Foundation

/// A Wu–Manber multi-pattern matcher for patterns of at least `minimumLength` bytes.
///
/// The matcher looks at a window of `window` bytes (the shortest pattern's length, at most
/// 32) and reads only its last two bytes: a 64 KiB table says how far the window may slide
/// before any pattern could end there. On bytes that begin no pattern the window slides by
/// `window - 1`, so most bytes are never read. Where the table says 0, the patterns whose
/// window-length prefix ends in those two bytes are compared exactly.
///
/// The scan is bound by the latency of one table load per step; it runs four independent
/// cursors over four quarters of the buffer in one loop so that their loads overlap.
struct ShiftMatcher: Sendable {
    static let minimumLength = 4

    let patterns: [[UInt8]]
    let window: Int
    /// Indexed by the little-endian `UInt16` of the window's last two bytes.
    let shift: [UInt8]
    /// For a shift of 0: `bucketPatterns[bucketStart[key]..<bucketStart[key + 1]]`.
    let bucketStart: [Int32]
    let bucketPatterns: [Int32]
    /// Per pattern: its first four bytes as a little-endian word, for a one-compare rejection
    /// of most candidates.
    let heads: [UInt32]
    /// All patterns' bytes end to end, with each one's start and length: read through raw
    /// pointers when verifying, with no reference counting per candidate.
    let flat: [UInt8]
    let flatStart: [Int]
    let flatLength: [Int]

    /// `patterns` must all be at least `minimumLength` bytes long.
    init(patterns: [[UInt8]]) {
        self.patterns = patterns
        let window = min(patterns.map(\.count).min() ?? ShiftMatcher.minimumLength, 32)
        self.window = window
        // Without patterns (an audit with no declared secrets) there is nothing to search:
        // skip building 64 Ki-entry tables.
        guard !patterns.isEmpty else {
            (shift, bucketStart, bucketPatterns, heads, flat, flatStart, flatLength) = ([], [], [], [], [], [], [])
            return
        }
        var shift = [UInt8](repeating: UInt8(window - 1), count: 1 << 16)
        var buckets = [[Int32]](repeating: [], count: 1 << 16)
        for (index, pattern) in patterns.enumerated() {
            for end in 1..<window {
                let distance = UInt8(window - 1 - end)
                let key = Int(pattern[end - 1]) | Int(pattern[end]) << 8
                shift[key] = min(shift[key], distance)
                if distance == 0 { buckets[key].append(Int32(index)) }
            }
        }
        var start: [Int32] = [0]
        start.reserveCapacity(1 << 16 + 1)
        var flat: [Int32] = []
        for bucket in buckets {
            flat.append(contentsOf: bucket)
            start.append(Int32(flat.count))
        }
        self.shift = shift
        var bytes: [UInt8] = []
        var flatStart: [Int] = []
        for pattern in patterns {
            flatStart.append(bytes.count)
            bytes.append(contentsOf: pattern)
        }
        self.flat = bytes
        self.flatStart = flatStart
        flatLength = patterns.map(\.count)
        heads = patterns.map { p in (0..<4).reduce(UInt32(0)) { $0 | UInt32(p[$1]) << (8 * UInt32($1)) } }
        bucketStart = start
        bucketPatterns = flat
    }

    /// Raw views of the tables, taken once per search.
    private struct Tables {
        let shift: UnsafePointer<UInt8>
        let bucketStart: UnsafePointer<Int32>
        let bucketPatterns: UnsafePointer<Int32>
        let heads: UnsafePointer<UInt32>
        let flat: UnsafePointer<UInt8>
        let flatStart: UnsafePointer<Int>
        let flatLength: UnsafePointer<Int>
    }

    private func withTables(_ body: (Tables) -> Void) {
        shift.withUnsafeBufferPointer { shift in
            bucketStart.withUnsafeBufferPointer { bucketStart in
                bucketPatterns.withUnsafeBufferPointer { bucketPatterns in
                    heads.withUnsafeBufferPointer { heads in
                        flat.withUnsafeBufferPointer { flat in
                            flatStart.withUnsafeBufferPointer { flatStart in
                                flatLength.withUnsafeBufferPointer { flatLength in
                                    guard let a = shift.baseAddress, let b = bucketStart.baseAddress,
                                        let c = bucketPatterns.baseAddress ?? UnsafePointer(bitPattern: 8), let d = heads.baseAddress,
                                        let f = flat.baseAddress, let g = flatStart.baseAddress, let h = flatLength.baseAddress
                                    else { return }
                                    body(Tables(shift: a, bucketStart: b, bucketPatterns: c, heads: d, flat: f, flatStart: g, flatLength: h))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `report(pattern, start)` for every occurrence lying wholly inside `buffer`, in no
    /// particular order.
    func search(_ buffer: UnsafeBufferPointer<UInt8>, _ report: (Int, Int) -> Void) {
        let count = buffer.count
        guard let base = buffer.baseAddress, count >= window, !patterns.isEmpty else { return }
        let window = self.window
        withTables { tables in
            let table = tables.shift
            // Window ends run from window - 1 to count - 1; split them into four lanes.
            let first = window - 1
            let span = count - first
            let quarter = span / 4
            var e0 = first
            var e1 = first + quarter
            var e2 = first + 2 * quarter
            var e3 = first + 3 * quarter
            let h0 = e1
            let h1 = e2
            let h2 = e3
            let h3 = count
            @inline(__always) func key(_ end: Int) -> Int {
                Int(UnsafeRawPointer(base + end - 1).loadUnaligned(as: UInt16.self).littleEndian)
            }
            @inline(__always) func check(_ end: Int) {
                verify(tables, base, count, end, window, report)
            }
            // The four lanes in lock step while all have work.
            if quarter > 0 {
                while e0 < h0 && e1 < h1 && e2 < h2 && e3 < h3 {
                    let s0 = Int(table[key(e0)])
                    let s1 = Int(table[key(e1)])
                    let s2 = Int(table[key(e2)])
                    let s3 = Int(table[key(e3)])
                    if s0 == 0 { check(e0); e0 += 1 } else { e0 += s0 }
                    if s1 == 0 { check(e1); e1 += 1 } else { e1 += s1 }
                    if s2 == 0 { check(e2); e2 += 1 } else { e2 += s2 }
                    if s3 == 0 { check(e3); e3 += 1 } else { e3 += s3 }
                }
            }
            func finish(_ lane: Int, _ limit: Int) {
                var end = lane
                while end < limit {
                    let s = Int(table[key(end)])
                    if s == 0 {
                        check(end)
                        end += 1
                    } else {
                        end += s
                    }
                }
            }
            finish(e0, h0)
            finish(e1, h1)
            finish(e2, h2)
            finish(e3, h3)
        }
    }

    /// Compares the patterns whose window-length prefix ends at `end` with the bytes there.
    private func verify(
        _ t: Tables, _ base: UnsafePointer<UInt8>, _ count: Int, _ end: Int, _ window: Int, _ report: (Int, Int) -> Void
    ) {
        let start = end - window + 1
        let key = Int(base[end - 1]) | Int(base[end]) << 8
        let head = UnsafeRawPointer(base + start).loadUnaligned(as: UInt32.self).littleEndian
        var slot = Int(t.bucketStart[key])
        let last = Int(t.bucketStart[key + 1])
        while slot < last {
            let index = Int(t.bucketPatterns[slot])
            slot += 1
            guard head == t.heads[index] else { continue }
            let length = t.flatLength[index]
            guard length <= count - start else { continue }
            if length > 4 {
                let needle = t.flat + t.flatStart[index]
                guard memcmp(base + start + 4, needle + 4, length - 4) == 0 else { continue }
            }
            report(index, start)
        }
    }
}
