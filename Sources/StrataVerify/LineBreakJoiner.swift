import Foundation

/// Finds line-wrapped encodings (base64 at 76 columns, `xxd -p` at 60) that a line break
/// interrupts, without a second pass over the whole stream.
///
/// Unbroken occurrences of these patterns are found by the main pass, which holds them like
/// any other pattern. A broken one consists of pattern bytes and `\n`/`\r` only, with at least
/// one line break inside it: so it lies within a run of such bytes that contains a line
/// break. Line breaks are found with `memchr`; around each, the run is measured, and only
/// runs holding a line break and enough pattern bytes are compacted (breaks removed) and
/// searched. In binaries and prose such runs are a few bytes long.
struct LineBreakJoiner: Sendable {
    /// Bytes that may appear in a run: the patterns' bytes and the line breaks.
    private var inRun: [Bool]
    /// The end of the previous chunk's last run, compacted: at most `maximumLength - 1` pattern
    /// bytes and their stream offsets.
    private var carryBytes: [UInt8] = []
    private var carryOffsets: [Int] = []
    /// Whether the previous chunk ended inside a run.
    private var open = false
    /// Bytes fed so far.
    private var offset = 0

    init(set: LiteralSet) {
        var inRun = [Bool](repeating: false, count: 256)
        for pattern in set.patterns { for byte in pattern { inRun[Int(byte)] = true } }
        inRun[0x0a] = true
        inRun[0x0d] = true
        self.inRun = inRun
    }

    @inline(__always) private static func isBreak(_ byte: UInt8) -> Bool { byte == 0x0a || byte == 0x0d }

    /// The occurrences ending in `chunk` that a line break interrupts, as (pattern, stream
    /// offset of the first byte, bytes spanned), ordered by end, then pattern.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, set: LiteralSet) -> [(pattern: Int, start: Int, span: Int)] {
        guard !set.isEmpty, let base = chunk.baseAddress, !chunk.isEmpty else {
            offset += chunk.count
            return []
        }
        let count = chunk.count
        var found: [(pattern: Int, start: Int, span: Int)] = []
        var nextLF = -1
        var nextCR = -1
        func nextBreak(from i: Int) -> Int {
            if nextLF < i { nextLF = LineBreakJoiner.find(0x0a, base, from: i, count) }
            if nextCR < i { nextCR = LineBreakJoiner.find(0x0d, base, from: i, count) }
            return min(nextLF, nextCR)
        }
        var i = 0
        if open {
            var end = 0
            while end < count && inRun[Int(base[end])] { end += 1 }
            let hasBreak = nextBreak(from: 0) < end || LineBreakJoiner.hasGap(carryOffsets, next: offset)
            if hasBreak { search(base, 0..<end, withCarry: true, set: set, into: &found) }
            i = end + 1
        }
        while i < count {
            let newline = nextBreak(from: i)
            if newline >= count { break }
            var start = newline
            while start > i && inRun[Int(base[start - 1])] { start -= 1 }
            var end = newline + 1
            while end < count && inRun[Int(base[end])] { end += 1 }
            search(base, start..<end, withCarry: false, set: set, into: &found)
            i = end + 1
        }
        keepCarry(base, count, set: set)
        offset += count
        return found.sorted { a, b in
            a.start + a.span != b.start + b.span ? a.start + a.span < b.start + b.span : a.pattern < b.pattern
        }
    }

    /// Compacts the run `range` (after the carried bytes when `withCarry`) and reports the
    /// occurrences in it that end in this chunk and that a line break interrupts.
    private func search(
        _ base: UnsafePointer<UInt8>, _ range: Range<Int>, withCarry: Bool, set: LiteralSet,
        into found: inout [(pattern: Int, start: Int, span: Int)]
    ) {
        var bytes: [UInt8] = withCarry ? carryBytes : []
        var offsets: [Int] = withCarry ? carryOffsets : []
        let carried = bytes.count
        bytes.reserveCapacity(carried + range.count)
        offsets.reserveCapacity(carried + range.count)
        for k in range where !LineBreakJoiner.isBreak(base[k]) {
            bytes.append(base[k])
            offsets.append(offset + k)
        }
        guard bytes.count >= (set.lengths.min() ?? 1) else { return }
        bytes.withUnsafeBufferPointer { buffer in
            set.search(buffer) { pattern, start in
                let end = start + set.lengths[pattern]
                guard end > carried else { return }
                let first = offsets[start]
                let last = offsets[end - 1]
                // Unbroken occurrences belong to the main pass.
                guard last - first > end - 1 - start else { return }
                found.append((pattern, first, last + 1 - first))
            }
        }
    }

    /// Keeps the compacted end of the chunk's last run, if the chunk ends inside one.
    private mutating func keepCarry(_ base: UnsafePointer<UInt8>, _ count: Int, set: LiteralSet) {
        let keep = set.maximumLength - 1
        guard keep > 0, inRun[Int(base[count - 1])] else {
            open = false
            carryBytes = []
            carryOffsets = []
            return
        }
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var k = count
        while k > 0 && bytes.count < keep && inRun[Int(base[k - 1])] {
            k -= 1
            if !LineBreakJoiner.isBreak(base[k]) {
                bytes.append(base[k])
                offsets.append(offset + k)
            }
        }
        bytes.reverse()
        offsets.reverse()
        if k == 0 && open && bytes.count < keep {
            let more = keep - bytes.count
            bytes = carryBytes.suffix(more) + bytes
            offsets = carryOffsets.suffix(more) + offsets
        }
        carryBytes = bytes
        carryOffsets = offsets
        open = true
    }

    /// Whether the carried bytes, followed by a byte at stream offset `next`, are interrupted
    /// anywhere.
    private static func hasGap(_ offsets: [Int], next: Int) -> Bool {
        guard let last = offsets.last else { return false }
        if next - last > 1 { return true }
        for k in offsets.indices.dropFirst() where offsets[k] - offsets[k - 1] > 1 { return true }
        return false
    }

    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, _ count: Int) -> Int {
        guard from < count, let hit = memchr(base + from, Int32(byte), count - from) else { return count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
