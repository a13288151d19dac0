import CStrataScan

/// Finds line-wrapped encodings (base64 at 76 columns, `xxd -p` at 60) that a line break
/// interrupts, without a second pass over the whole stream.
///
/// Unbroken occurrences of these patterns are found by the main pass, which holds them like
/// any other pattern. A broken one consists of pattern bytes and `\n`/`\r` only, with at least
/// one line break inside it: so it lies within a run of such bytes, at least one byte longer
/// than the shortest pattern, that contains a line break. The line breaks are found by a
/// vectorised search and the run around each is measured; only runs long enough are
/// compacted (breaks removed) and searched. In binaries line breaks are rare, and in prose
/// the run around one is a word or two.
struct LineBreakJoiner: Sendable {
    /// Bytes that may appear in a run: the patterns' bytes and the line breaks.
    private let runBytes: RunBytes
    private var inRun: [Bool] { runBytes.table }
    /// The end of the previous chunk's last run, compacted: at most `maximumLength - 1` pattern
    /// bytes and their stream offsets.
    private var carryBytes: [UInt8] = []
    private var carryOffsets: [Int] = []
    /// Whether the previous chunk ended inside a run.
    private var open = false
    /// Bytes fed so far.
    private var offset = 0

    /// `runBytes` is `LineBreakJoiner.runBytes(of:)` for the set it will be fed with,
    /// computed once per scanner rather than once per stream.
    init(runBytes: RunBytes) { self.runBytes = runBytes }

    /// The bytes that may appear in a run, as a table and as the C side's byte set.
    struct RunBytes: Sendable {
        let table: [Bool]
        let set: cstrata_byte_set

        init(table: [Bool]) {
            self.table = table
            var set = cstrata_byte_set()
            table.withUnsafeBufferPointer { cstrata_byte_set_init(&set, $0.baseAddress) }
            self.set = set
        }
    }

    /// The bytes that may appear in a run: the patterns' bytes and the line breaks.
    static func runBytes(of set: LiteralSet) -> RunBytes {
        var inRun = [Bool](repeating: false, count: 256)
        for pattern in set.patterns { for byte in pattern { inRun[Int(byte)] = true } }
        inRun[0x0a] = true
        inRun[0x0d] = true
        return RunBytes(table: inRun)
    }

    /// The first run at or after `from` (cut off there) that holds a line break and is at least
    /// `minimum` bytes long. `portable` forces the scalar path (for tests).
    static func nextBrokenRun(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, runBytes: RunBytes, minimum: Int, portable: Bool = false
    ) -> Range<Int>? {
        guard let base = buffer.baseAddress, from < buffer.count else { return nil }
        var set = runBytes.set
        var start = 0
        var end = 0
        guard cstrata_next_broken_run(base, buffer.count, from, &set, minimum, &start, &end, portable ? 1 : 0) != 0 else { return nil }
        return start..<end
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
        let table = inRun
        // Run bytes looked up through a raw pointer: this loop touches every probe.
        table.withUnsafeBufferPointer { runTable in
            var i = 0
            if open {
                var end = 0
                var hasBreak = LineBreakJoiner.hasGap(carryOffsets, next: offset)
                while end < count && runTable[Int(base[end])] {
                    if LineBreakJoiner.isBreak(base[end]) { hasBreak = true }
                    end += 1
                }
                if hasBreak { search(base, 0..<end, withCarry: true, set: set, into: &found) }
                i = end + 1
            }
            // A broken occurrence lies in a run around a line break, at least `probe` bytes long
            // (the shortest pattern and the break): only the runs around line breaks are
            // measured, and the breaks are found by a vectorised search. A run at the chunk's
            // end is also carried, and searched with what follows.
            let probe = set.minimumLength + 1
            while let run = LineBreakJoiner.nextBrokenRun(chunk, from: i, runBytes: runBytes, minimum: probe) {
                search(base, run, withCarry: false, set: set, into: &found)
                i = run.upperBound + 1
            }
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
        // Most runs (a line break between two words, or in a binary) are too short to hold
        // any pattern: count before copying.
        var available = withCarry ? carryBytes.count : 0
        for k in range where !LineBreakJoiner.isBreak(base[k]) { available += 1 }
        guard available >= set.minimumLength else { return }
        var bytes: [UInt8] = withCarry ? carryBytes : []
        var offsets: [Int] = withCarry ? carryOffsets : []
        let carried = bytes.count
        bytes.reserveCapacity(carried + range.count)
        offsets.reserveCapacity(carried + range.count)
        for k in range where !LineBreakJoiner.isBreak(base[k]) {
            bytes.append(base[k])
            offsets.append(offset + k)
        }
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

}
