import StrataDockerfile

/// Go's `%q` and `fmt` renderings, which BuildKit's history strings use verbatim
/// (`CMD ["sh" "-c" "x"]`, `EXPOSE map[80/tcp:{}]`, `HEALTHCHECK &{[...] "30s" ...}`).
enum GoFormat {
    /// `strconv.Quote`, shared with the parser's AST dump.
    static func quote(_ text: String) -> String { GoQuote.quote(text) }

    /// `fmt.Sprintf("%q", []string{...})`: `["a" "b"]`.
    static func quotedList(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: " ") + "]"
    }

    /// `fmt.Sprint([]string{...})`: `[a b]`.
    static func plainList(_ items: [String]) -> String {
        "[" + items.joined(separator: " ") + "]"
    }

    /// `fmt.Sprint(map[string]struct{}{...})`: keys sorted, `map[a:{} b:{}]`.
    static func emptyStructMap(_ keys: [String]) -> String {
        "map[" + keys.sorted().map { "\($0):{}" }.joined(separator: " ") + "]"
    }

    /// `%q` of a byte (Go's rune-literal quoting for small integers): `'\x04'`.
    static func quoteByte(_ value: Int) -> String {
        switch value {
        case 7: return "'\\a'"
        case 8: return "'\\b'"
        case 9: return "'\\t'"
        case 10: return "'\\n'"
        case 11: return "'\\v'"
        case 12: return "'\\f'"
        case 13: return "'\\r'"
        case 39: return "'\\''"
        case 92: return "'\\\\'"
        case 32..<127: return "'\(Character(UnicodeScalar(UInt8(value))))'"
        default: return "'\\x" + hex2(UInt32(value & 0xff)) + "'"
        }
    }

    /// Go's `time.Duration.String()` for whole nanoseconds: `0s`, `30s`, `1m30s`, `1.5s`, `100ms`.
    static func duration(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        var n = nanoseconds
        let negative = n < 0
        if negative { n = -n }
        var text: String
        if n < 1_000_000_000 {
            if n < 1_000 { text = "\(n)ns" }
            else if n < 1_000_000 { text = fraction(n, 1_000) + "µs" }
            else { text = fraction(n, 1_000_000) + "ms" }
        } else {
            let hours = n / 3_600_000_000_000
            let minutes = (n / 60_000_000_000) % 60
            let secondsPart = n % 60_000_000_000
            text = fraction(secondsPart, 1_000_000_000) + "s"
            if hours > 0 || minutes > 0 { text = "\(minutes)m" + text }
            if hours > 0 { text = "\(hours)h" + text }
        }
        return negative ? "-" + text : text
    }

    private static func fraction(_ value: Int64, _ unit: Int64) -> String {
        let whole = value / unit
        var rest = value % unit
        guard rest != 0 else { return "\(whole)" }
        var digits = ""
        var scale = unit / 10
        while rest != 0 && scale > 0 {
            digits += String(rest / scale)
            rest %= scale
            scale /= 10
        }
        return "\(whole).\(digits)"
    }

    private static func hex2(_ value: UInt32) -> String {
        let text = String(value, radix: 16)
        return text.count == 1 ? "0" + text : text
    }
}
