/// Go's `strconv.Quote`, used by BuildKit's AST dump: printable characters kept (including
/// non-ASCII), `\a\b\f\n\r\t\v`, `\"` and `\\` escaped, other control characters as `\xNN`,
/// `\uNNNN` or `\UNNNNNNNN`.
public enum GoQuote {
    public static func quote(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrintable(ch) {
                    out.unicodeScalars.append(ch)
                } else if ch.value < 0x80 {
                    out += "\\x" + hex(ch.value, width: 2)
                } else if ch.value < 0x10000 {
                    out += "\\u" + hex(ch.value, width: 4)
                } else {
                    out += "\\U" + hex(ch.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and ASCII space.
    static func isPrintable(_ ch: Unicode.Scalar) -> Bool {
        if ch == " " { return true }
        switch ch.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
