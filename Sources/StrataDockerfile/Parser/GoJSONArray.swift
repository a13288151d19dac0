/// Decodes the JSON (exec) form the way BuildKit does: with a streaming `json.Decoder`, so only
/// the first JSON value counts and anything after the closing `]` is ignored.
enum GoJSONArray {
    enum Outcome: Equatable {
        /// A well-formed array of strings.
        case strings([String])
        /// A well-formed array with a non-string element: an error in BuildKit.
        case notStrings
        /// Not JSON: the caller falls back to the shell form.
        case invalid
    }

    static let notStringArrayMessage = "when using JSON array syntax, arrays must be comprised of strings only"

    static func decode(_ text: String) -> Outcome {
        let scalars = Array(Substring(text).unicodeScalars.drop { $0.isGoSpace })
        guard scalars.first == "[" else { return .invalid }
        var reader = Reader(scalars: scalars)
        guard let value = reader.value() else { return .invalid }
        guard case .array(let elements) = value else { return .invalid }
        var strings: [String] = []
        for element in elements {
            guard case .string(let string) = element else { return .notStrings }
            strings.append(string)
        }
        return .strings(strings)
    }

    enum Value {
        case string(String)
        case array([Value])
        case other
    }

    /// A strict JSON reader (RFC 8259, as Go's encoding/json accepts it) over scalars.
    struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func skipWhitespace() {
            while let ch = peek(), ch == " " || ch == "\t" || ch == "\n" || ch == "\r" { position += 1 }
        }

        mutating func value() -> Value? {
            skipWhitespace()
            guard let ch = peek() else { return nil }
            switch ch {
            case "[": return array()
            case "{": return object()
            case "\"": return string().map { .string($0) }
            case "t": return literal("true")
            case "f": return literal("false")
            case "n": return literal("null")
            default: return number()
            }
        }

        mutating func literal(_ word: String) -> Value? {
            for expected in word.unicodeScalars {
                guard peek() == expected else { return nil }
                position += 1
            }
            return .other
        }

        mutating func number() -> Value? {
            func digits(_ reader: inout Reader) -> Int {
                var count = 0
                while let ch = reader.peek(), ("0"..."9").contains(ch) { reader.position += 1; count += 1 }
                return count
            }
            if peek() == "-" { position += 1 }
            if peek() == "0" {
                position += 1
            } else if let ch = peek(), ("1"..."9").contains(ch) {
                _ = digits(&self)
            } else {
                return nil
            }
            if peek() == "." {
                position += 1
                guard digits(&self) > 0 else { return nil }
            }
            if peek() == "e" || peek() == "E" {
                position += 1
                if peek() == "+" || peek() == "-" { position += 1 }
                guard digits(&self) > 0 else { return nil }
            }
            return .other
        }

        mutating func array() -> Value? {
            position += 1
            var elements: [Value] = []
            skipWhitespace()
            if peek() == "]" {
                position += 1
                return .array(elements)
            }
            while true {
                guard let element = value() else { return nil }
                elements.append(element)
                skipWhitespace()
                switch peek() {
                case ",": position += 1
                case "]":
                    position += 1
                    return .array(elements)
                default: return nil
                }
            }
        }

        mutating func object() -> Value? {
            position += 1
            skipWhitespace()
            if peek() == "}" {
                position += 1
                return .other
            }
            while true {
                skipWhitespace()
                guard peek() == "\"", string() != nil else { return nil }
                skipWhitespace()
                guard peek() == ":" else { return nil }
                position += 1
                guard value() != nil else { return nil }
                skipWhitespace()
                switch peek() {
                case ",": position += 1
                case "}":
                    position += 1
                    return .other
                default: return nil
                }
            }
        }

        mutating func string() -> String? {
            position += 1
            var result = String.UnicodeScalarView()
            while let ch = peek() {
                position += 1
                switch ch {
                case "\"":
                    return String(result)
                case "\\":
                    guard let escaped = peek() else { return nil }
                    position += 1
                    switch escaped {
                    case "\"", "\\", "/": result.append(escaped)
                    case "b": result.append("\u{08}")
                    case "f": result.append("\u{0C}")
                    case "n": result.append("\n")
                    case "r": result.append("\r")
                    case "t": result.append("\t")
                    case "u":
                        guard let unit = hex4() else { return nil }
                        result.append(decodeUTF16(unit))
                    default: return nil
                    }
                default:
                    guard ch.value >= 0x20 else { return nil }
                    result.append(ch)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= scalars.count else { return nil }
            var value: UInt32 = 0
            for ch in scalars[position..<position + 4] {
                guard ch.isASCII, let digit = UInt32(String(ch), radix: 16) else { return nil }
                value = value * 16 + digit
            }
            position += 4
            return value
        }

        /// Combines a surrogate pair when one follows; a lone surrogate becomes U+FFFD, as in Go.
        mutating func decodeUTF16(_ unit: UInt32) -> Unicode.Scalar {
            if (0xD800..<0xDC00).contains(unit),
               position + 6 <= scalars.count, scalars[position] == "\\", scalars[position + 1] == "u" {
                let saved = position
                position += 2
                if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                    let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    return Unicode.Scalar(combined) ?? "\u{FFFD}"
                }
                position = saved
            }
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }
}
