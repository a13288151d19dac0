/// A regular expression that is a plain sequence of byte tests, repetitions of one byte test,
/// and `^`/`$`: matched by a loop over byte tables instead of the general backtracker's
/// closures, with a first-byte scan to skip start positions that cannot match.
///
/// It gives exactly the general matcher's answer (leftmost start, greedy repetition, the same
/// backtracking order); it only exists because `s/ [0-9]*$//` over 100,000 lines spent most of
/// its time building continuations.
struct FlatRegex: Sendable {
    enum Item: Sendable {
        /// One byte whose entry in the table is true.
        case byte(ByteTable)
        case repeated(ByteTable, min: Int, max: Int?)
        case lineStart, lineEnd
    }

    /// 256 answers, one per byte value, with case folding already applied.
    struct ByteTable: Sendable {
        var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        @inline(__always) func contains(_ b: UInt8) -> Bool {
            let word: UInt64
            switch b >> 6 {
            case 0: word = bits.0
            case 1: word = bits.1
            case 2: word = bits.2
            default: word = bits.3
            }
            return word & (1 << UInt64(b & 63)) != 0
        }

        mutating func insert(_ b: UInt8) {
            let bit: UInt64 = 1 << UInt64(b & 63)
            switch b >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
    }

    let items: [Item]
    /// Bytes a match can start with, when every match starts by consuming one.
    let firstBytes: ByteTable?
    let anchored: Bool

    /// nil when `node` needs the general matcher.
    init?(_ node: Regex.Node, ignoreCase: Bool) {
        let nodes: [Regex.Node]
        if case .concat(let list) = node { nodes = list } else { nodes = [node] }
        var items: [Item] = []
        for node in nodes {
            switch node {
            case .byte, .any, .set:
                items.append(.byte(Self.table(node, ignoreCase: ignoreCase)))
            case .repetition(let inner, let min, let max):
                switch inner {
                case .byte, .any, .set: items.append(.repeated(Self.table(inner, ignoreCase: ignoreCase), min: min, max: max))
                default: return nil
                }
            case .lineStart: items.append(.lineStart)
            case .lineEnd: items.append(.lineEnd)
            default: return nil
            }
        }
        self.items = items
        switch items.first {
        case .byte(let table)?: firstBytes = table
        case .repeated(let table, let min, _)? where min >= 1: firstBytes = table
        default: firstBytes = nil
        }
        if case .lineStart? = items.first { anchored = true } else { anchored = false }
    }

    /// What `Regex.Matcher.single` answers for each byte.
    static func table(_ node: Regex.Node, ignoreCase: Bool) -> ByteTable {
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        var table = ByteTable()
        for value in 0..<256 {
            let b = UInt8(value)
            let hit: Bool
            switch node {
            case .byte(let c): hit = ignoreCase ? lower(b) == lower(c) : b == c
            case .any: hit = true
            case .set(let set, let negated):
                var found = set[value]
                if ignoreCase && !found { found = set[Int(lower(b))] || set[Int(b >= 97 && b <= 122 ? b - 32 : b)] }
                hit = found != negated
            default: hit = false
            }
            if hit { table.insert(b) }
        }
        return table
    }

    func firstMatch(in text: [UInt8], from: Int, notAtLineStart: Bool) -> Range<Int>? {
        text.withUnsafeBufferPointer { buffer in
            var start = from
            if anchored {
                // `^` matches only at offset 0 of a line that starts there.
                guard start == 0, !notAtLineStart else { return nil }
                return match(buffer, 0, start, notAtLineStart).map { start..<$0 }
            }
            while start <= buffer.count {
                if let firstBytes {
                    while start < buffer.count && !firstBytes.contains(buffer[start]) { start += 1 }
                    if start == buffer.count { return nil }
                }
                if let end = match(buffer, 0, start, notAtLineStart) { return start..<end }
                start += 1
            }
            return nil
        }
    }

    private func match(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, _ pos: Int, _ notBOL: Bool) -> Int? {
        var index = index
        var pos = pos
        while index < items.count {
            switch items[index] {
            case .byte(let table):
                guard pos < text.count, table.contains(text[pos]) else { return nil }
                pos += 1
            case .lineStart:
                guard pos == 0 && !notBOL else { return nil }
            case .lineEnd:
                guard pos == text.count else { return nil }
            case .repeated(let table, let min, let max):
                var count = 0
                let limit = max.map { Swift.min($0, text.count - pos) } ?? (text.count - pos)
                while count < limit && table.contains(text[pos + count]) { count += 1 }
                if count < min { return nil }
                if index == items.count - 1 { return pos + count }
                while count >= min {
                    if let end = match(text, index + 1, pos + count, notBOL) { return end }
                    count -= 1
                }
                return nil
            }
            index += 1
        }
        return pos
    }
}
