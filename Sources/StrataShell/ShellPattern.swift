/// Shell pattern matching (`*`, `?`, `[...]`, backslash escapes) as used by globbing, `case`
/// and `${v%pattern}`. Patterns are strings where a backslash makes the next character literal.
enum ShellPattern {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern), 0, Array(text), 0)
    }

    static func matches(_ p: [Character], _ pi: Int, _ t: [Character], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        while pi < p.count {
            let c = p[pi]
            switch c {
            case "*":
                while pi < p.count && p[pi] == "*" { pi += 1 }
                if pi == p.count { return true }
                var k = ti
                while k <= t.count {
                    if matches(p, pi, t, k) { return true }
                    k += 1
                }
                return false
            case "?":
                if ti >= t.count { return false }
                pi += 1
                ti += 1
            case "[":
                if ti >= t.count { return false }
                if let (matched, next) = matchBracket(p, pi, t[ti]) {
                    if !matched { return false }
                    pi = next
                    ti += 1
                } else {
                    if t[ti] != "[" { return false }
                    pi += 1
                    ti += 1
                }
            case "\\" where pi + 1 < p.count:
                if ti >= t.count || t[ti] != p[pi + 1] { return false }
                pi += 2
                ti += 1
            default:
                if ti >= t.count || t[ti] != c { return false }
                pi += 1
                ti += 1
            }
        }
        return ti == t.count
    }

    /// Matches one character against the bracket expression at `start`; nil when unterminated.
    static func matchBracket(_ p: [Character], _ start: Int, _ ch: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count {
            var c = p[i]
            if c == "]" && !first { return (matched != negate, i + 1) }
            first = false
            if c == "[" && i + 1 < p.count && p[i + 1] == ":" {
                if let close = (i + 2..<p.count).first(where: { p[$0] == ":" && $0 + 1 < p.count && p[$0 + 1] == "]" }) {
                    let name = String(p[(i + 2)..<close])
                    if characterClass(name, ch) { matched = true }
                    i = close + 2
                    continue
                }
            }
            if c == "\\" && i + 1 < p.count { i += 1; c = p[i] }
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                var hi = p[i + 2]
                var advance = 3
                if hi == "\\" && i + 3 < p.count { hi = p[i + 3]; advance = 4 }
                if let lo = c.unicodeScalars.first?.value, let h = hi.unicodeScalars.first?.value, let v = ch.unicodeScalars.first?.value, lo <= v && v <= h {
                    matched = true
                }
                i += advance
                continue
            }
            if c == ch { matched = true }
            i += 1
        }
        return nil
    }

    static func characterClass(_ name: String, _ ch: Character) -> Bool {
        guard ch.isASCII, let v = ch.asciiValue else { return false }
        switch name {
        case "alpha": return ch.isLetter
        case "digit": return ch.isNumber
        case "alnum": return ch.isLetter || ch.isNumber
        case "upper": return ch.isUppercase
        case "lower": return ch.isLowercase
        case "space": return ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || v == 11 || v == 12
        case "blank": return ch == " " || ch == "\t"
        case "punct": return v > 32 && v < 127 && !ch.isLetter && !ch.isNumber
        case "xdigit": return ch.isHexDigit
        case "print": return v >= 32 && v < 127
        case "graph": return v > 32 && v < 127
        case "cntrl": return v < 32 || v == 127
        default: return false
        }
    }

    /// Whether the pattern has an unescaped `*`, `?`, or `[` with a `]` after it (a lone `[`,
    /// as in the `[` command, is literal).
    static func hasMagic(_ pattern: String) -> Bool {
        if !pattern.utf8.contains(where: { $0 == 0x2A || $0 == 0x3F || $0 == 0x5D }) { return false }
        var escaped = false
        var openBracket = false
        for c in pattern {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "*" || c == "?" { return true }
            if c == "[" { openBracket = true } else if c == "]" && openBracket { return true }
        }
        return false
    }

    /// The pattern with escapes removed.
    static func unescape(_ pattern: String) -> String {
        var out = ""
        var escaped = false
        for c in pattern {
            if !escaped && c == "\\" { escaped = true; continue }
            escaped = false
            out.append(c)
        }
        return out
    }

    /// Text made literal inside a pattern.
    static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x2A || $0 == 0x3F || $0 == 0x5B || $0 == 0x5D || $0 == 0x5C }) { return text }
        var out = ""
        for c in text {
            if "*?[]\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
