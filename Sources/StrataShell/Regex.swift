struct RegexError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A small POSIX regular expression engine (BRE and ERE, with the GNU `\+ \? \| \w \s`
/// extensions busybox gets from glibc), backtracking over bytes.
///
/// Written here rather than using Foundation's because ICU semantics differ from POSIX and it
/// is slow on Linux. Matching is leftmost with greedy repetition.
struct Regex {
    indirect enum Node {
        case byte(UInt8)
        case any
        case set([Bool], negated: Bool)
        case lineStart, lineEnd, wordBoundary, notWordBoundary, wordStart, wordEnd
        case group(Node, Int)
        case concat([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
        case backReference(Int)
    }

    let root: Node
    let groupCount: Int
    let ignoreCase: Bool
    /// The same pattern as a flat list of byte tests, when it has no groups, alternation,
    /// back-references or word anchors (most sed and grep patterns); see `FlatRegex`.
    let flat: FlatRegex?

    init(_ pattern: String, extended: Bool, ignoreCase: Bool = false) throws(RegexError) {
        var parser = RegexParser(Array(pattern.utf8), extended: extended)
        root = try parser.parse()
        groupCount = parser.groupCount
        self.ignoreCase = ignoreCase
        flat = FlatRegex(root, ignoreCase: ignoreCase)
    }

    /// Capture ranges of the first match starting at or after `from`; index 0 is the whole match.
    func firstMatch(in text: [UInt8], from: Int, notAtLineStart: Bool = false) -> [Range<Int>?]? {
        if let flat {
            return flat.firstMatch(in: text, from: from, notAtLineStart: notAtLineStart).map { [$0] }
        }
        var start = from
        while start <= text.count {
            var matcher = Matcher(text: text, ignoreCase: ignoreCase, captures: Array(repeating: nil, count: groupCount + 1), notBOL: notAtLineStart)
            if let end = matcher.match(root, start, { _, end in end }) {
                var captures = matcher.captures
                captures[0] = start..<end
                return captures
            }
            start += 1
        }
        return nil
    }

    struct Matcher {
        let text: [UInt8]
        let ignoreCase: Bool
        var captures: [Range<Int>?]
        let notBOL: Bool

        static func isWord(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
        }

        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

        func single(_ node: Node, _ pos: Int) -> Bool {
            guard pos < text.count else { return false }
            let b = text[pos]
            switch node {
            case .byte(let c): return ignoreCase ? lower(b) == lower(c) : b == c
            case .any: return b != 0x0A || true
            case .set(let table, let negated):
                var hit = table[Int(b)]
                if ignoreCase && !hit { hit = table[Int(lower(b))] || table[Int(b >= 97 && b <= 122 ? b - 32 : b)] }
                return hit != negated
            default: return false
            }
        }

        /// Matches `node` at `pos`, then calls `next` with the end; returns the final end on success.
        mutating func match(_ node: Node, _ pos: Int, _ next: (inout Matcher, Int) -> Int?) -> Int? {
            switch node {
            case .byte, .any, .set:
                return single(node, pos) ? next(&self, pos + 1) : nil
            case .lineStart:
                return pos == 0 && !notBOL ? next(&self, pos) : nil
            case .lineEnd:
                return pos == text.count ? next(&self, pos) : nil
            case .wordBoundary, .notWordBoundary, .wordStart, .wordEnd:
                let before = pos > 0 && Self.isWord(text[pos - 1])
                let after = pos < text.count && Self.isWord(text[pos])
                let ok: Bool
                switch node {
                case .wordBoundary: ok = before != after
                case .notWordBoundary: ok = before == after
                case .wordStart: ok = !before && after
                default: ok = before && !after
                }
                return ok ? next(&self, pos) : nil
            case .group(let inner, let index):
                let saved = captures[index]
                let result = match(inner, pos) { matcher, end in
                    let previous = matcher.captures[index]
                    matcher.captures[index] = pos..<end
                    if let r = next(&matcher, end) { return r }
                    matcher.captures[index] = previous
                    return nil
                }
                if result == nil { captures[index] = saved }
                return result
            case .concat(let nodes):
                return matchSequence(nodes, 0, pos, next)
            case .alternation(let options):
                for option in options {
                    if let r = match(option, pos, next) { return r }
                }
                return nil
            case .repetition(let inner, let min, let max):
                switch inner {
                case .byte, .any, .set:
                    var count = 0
                    while (max.map { count < $0 } ?? true) && single(inner, pos + count) { count += 1 }
                    if count < min { return nil }
                    var k = count
                    while k >= min {
                        if let r = next(&self, pos + k) { return r }
                        k -= 1
                    }
                    return nil
                default:
                    return matchRepeat(inner, min, max, 0, pos, next)
                }
            case .backReference(let index):
                guard index < captures.count, let range = captures[index] else { return nil }
                let length = range.count
                guard pos + length <= text.count else { return nil }
                for i in 0..<length where text[range.lowerBound + i] != text[pos + i] { return nil }
                return next(&self, pos + length)
            }
        }

        mutating func matchSequence(_ nodes: [Node], _ index: Int, _ pos: Int, _ next: (inout Matcher, Int) -> Int?) -> Int? {
            if index == nodes.count { return next(&self, pos) }
            return match(nodes[index], pos) { matcher, end in
                matcher.matchSequence(nodes, index + 1, end, next)
            }
        }

        mutating func matchRepeat(_ node: Node, _ min: Int, _ max: Int?, _ count: Int, _ pos: Int, _ next: (inout Matcher, Int) -> Int?) -> Int? {
            if max.map({ count < $0 }) ?? true {
                let attempt = match(node, pos) { matcher, end in
                    if end == pos { return nil }
                    return matcher.matchRepeat(node, min, max, count + 1, end, next)
                }
                if let attempt { return attempt }
            }
            return count >= min ? next(&self, pos) : nil
        }
    }
}

/// Parses BRE or ERE syntax into `Regex.Node`s.
struct RegexParser {
    let p: [UInt8]
    let extended: Bool
    var i = 0
    var groupCount = 0

    init(_ pattern: [UInt8], extended: Bool) {
        p = pattern
        self.extended = extended
    }

    mutating func parse() throws(RegexError) -> Regex.Node {
        let node = try alternation(depth: 0)
        if i < p.count { throw RegexError(message: "Unmatched ) or \\)") }
        return node
    }

    private func isAlternation(_ at: Int) -> Bool {
        extended ? (at < p.count && p[at] == UInt8(ascii: "|")) : (at + 1 < p.count && p[at] == 0x5C && p[at + 1] == UInt8(ascii: "|"))
    }

    private func isGroupClose(_ at: Int) -> Bool {
        extended ? (at < p.count && p[at] == UInt8(ascii: ")")) : (at + 1 < p.count && p[at] == 0x5C && p[at + 1] == UInt8(ascii: ")"))
    }

    private mutating func alternation(depth: Int) throws(RegexError) -> Regex.Node {
        var options = [try sequence(depth: depth)]
        while isAlternation(i) {
            i += extended ? 1 : 2
            options.append(try sequence(depth: depth))
        }
        return options.count == 1 ? options[0] : .alternation(options)
    }

    private mutating func sequence(depth: Int) throws(RegexError) -> Regex.Node {
        var nodes: [Regex.Node] = []
        let start = i
        while i < p.count && !isAlternation(i) && !(depth > 0 && isGroupClose(i)) {
            if isGroupClose(i) && extended { throw RegexError(message: "Unmatched ) or \\)") }
            if isGroupClose(i) { throw RegexError(message: "Unmatched ) or \\)") }
            var atom = try self.atom(atStart: i == start || (!extended && nodes.isEmpty), depth: depth)
            // Repetition operators.
            while i < p.count {
                let c = p[i]
                if c == UInt8(ascii: "*") {
                    i += 1; atom = .repetition(atom, min: 0, max: nil)
                } else if extended && c == UInt8(ascii: "+") {
                    i += 1; atom = .repetition(atom, min: 1, max: nil)
                } else if extended && c == UInt8(ascii: "?") {
                    i += 1; atom = .repetition(atom, min: 0, max: 1)
                } else if !extended && c == 0x5C && i + 1 < p.count && (p[i + 1] == UInt8(ascii: "+") || p[i + 1] == UInt8(ascii: "?")) {
                    atom = .repetition(atom, min: p[i + 1] == UInt8(ascii: "+") ? 1 : 0, max: p[i + 1] == UInt8(ascii: "+") ? nil : 1)
                    i += 2
                } else if (extended && c == UInt8(ascii: "{")) || (!extended && c == 0x5C && i + 1 < p.count && p[i + 1] == UInt8(ascii: "{")) {
                    let save = i
                    i += extended ? 1 : 2
                    guard let (min, max) = bounds() else {
                        if extended { i = save; break }
                        throw RegexError(message: "Invalid preceding regular expression")
                    }
                    atom = .repetition(atom, min: min, max: max)
                } else {
                    break
                }
            }
            nodes.append(atom)
        }
        return nodes.count == 1 ? nodes[0] : .concat(nodes)
    }

    private mutating func bounds() -> (Int, Int?)? {
        var min = 0
        var digits = 0
        while i < p.count, p[i] >= 48, p[i] <= 57 { min = min * 10 + Int(p[i] - 48); i += 1; digits += 1 }
        if digits == 0 { return nil }
        var max: Int? = min
        if i < p.count && p[i] == UInt8(ascii: ",") {
            i += 1
            var value = 0
            var maxDigits = 0
            while i < p.count, p[i] >= 48, p[i] <= 57 { value = value * 10 + Int(p[i] - 48); i += 1; maxDigits += 1 }
            max = maxDigits == 0 ? nil : value
        }
        if extended {
            guard i < p.count, p[i] == UInt8(ascii: "}") else { return nil }
            i += 1
        } else {
            guard i + 1 < p.count, p[i] == 0x5C, p[i + 1] == UInt8(ascii: "}") else { return nil }
            i += 2
        }
        return (min, max)
    }

    private mutating func atom(atStart: Bool, depth: Int) throws(RegexError) -> Regex.Node {
        let c = p[i]
        switch c {
        case UInt8(ascii: "."):
            i += 1
            return .any
        case UInt8(ascii: "^"):
            i += 1
            return extended || atStart ? .lineStart : .byte(c)
        case UInt8(ascii: "$"):
            i += 1
            let atEnd = i == p.count || isGroupClose(i) || isAlternation(i)
            return extended || atEnd ? .lineEnd : .byte(c)
        case UInt8(ascii: "["):
            return try bracket()
        case UInt8(ascii: "*") where atStart:
            i += 1
            return .byte(c)
        case UInt8(ascii: "(") where extended:
            i += 1
            return try group(depth: depth)
        case 0x5C:
            guard i + 1 < p.count else { throw RegexError(message: "Trailing backslash") }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "(") where !extended: return try group(depth: depth)
            case UInt8(ascii: "1")...UInt8(ascii: "9"): return .backReference(Int(e - 48))
            case UInt8(ascii: "w"), UInt8(ascii: "W"):
                var table = [Bool](repeating: false, count: 256)
                for b in 0..<256 where Regex.Matcher.isWord(UInt8(b)) { table[b] = true }
                return .set(table, negated: e == UInt8(ascii: "W"))
            case UInt8(ascii: "s"), UInt8(ascii: "S"):
                var table = [Bool](repeating: false, count: 256)
                for b in [9, 10, 11, 12, 13, 32] { table[b] = true }
                return .set(table, negated: e == UInt8(ascii: "S"))
            case UInt8(ascii: "b"): return .wordBoundary
            case UInt8(ascii: "B"): return .notWordBoundary
            case UInt8(ascii: "<"): return .wordStart
            case UInt8(ascii: ">"): return .wordEnd
            case UInt8(ascii: "n"): return .byte(0x0A)
            case UInt8(ascii: "t"): return .byte(0x09)
            default: return .byte(e)
            }
        default:
            i += 1
            return .byte(c)
        }
    }

    private mutating func group(depth: Int) throws(RegexError) -> Regex.Node {
        groupCount += 1
        let index = groupCount
        let inner = try alternation(depth: depth + 1)
        guard isGroupClose(i) else { throw RegexError(message: "Unmatched ( or \\(") }
        i += extended ? 1 : 2
        return .group(inner, index)
    }

    private mutating func bracket() throws(RegexError) -> Regex.Node {
        i += 1
        var table = [Bool](repeating: false, count: 256)
        var negated = false
        if i < p.count && p[i] == UInt8(ascii: "^") { negated = true; i += 1 }
        var first = true
        while true {
            guard i < p.count else { throw RegexError(message: "Unmatched [, [^, [:, [., or [=") }
            let c = p[i]
            if c == UInt8(ascii: "]") && !first { i += 1; break }
            first = false
            if c == UInt8(ascii: "[") && i + 1 < p.count && p[i + 1] == UInt8(ascii: ":") {
                var j = i + 2
                while j + 1 < p.count && !(p[j] == UInt8(ascii: ":") && p[j + 1] == UInt8(ascii: "]")) { j += 1 }
                guard j + 1 < p.count else { throw RegexError(message: "Unmatched [, [^, [:, [., or [=") }
                let name = String(decoding: p[(i + 2)..<j], as: UTF8.self)
                for b in 0..<128 where ShellPattern.characterClass(name, Character(Unicode.Scalar(UInt8(b)))) { table[b] = true }
                i = j + 2
                continue
            }
            if i + 2 < p.count && p[i + 1] == UInt8(ascii: "-") && p[i + 2] != UInt8(ascii: "]") {
                let hi = p[i + 2]
                if c <= hi { for b in c...hi { table[Int(b)] = true } }
                i += 3
                continue
            }
            table[Int(c)] = true
            i += 1
        }
        return .set(table, negated: negated)
    }
}
