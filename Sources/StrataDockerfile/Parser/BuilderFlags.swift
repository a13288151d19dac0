/// Extracts leading `--flag` words from an instruction's arguments, like BuildKit's
/// `extractBuilderFlags`. BuildKit scans bytes, not characters, so a non-ASCII byte in a flag
/// becomes its Latin-1 character; this is reproduced on purpose to match its output.
enum BuilderFlags {
    /// Go's `unicode.IsSpace(rune(b))` for a single byte.
    static func isSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: true
        default: false
        }
    }

    static func extract(from line: String) -> (rest: String, flags: [String]) {
        enum Phase { case spaces, word, quote }
        let bytes = Array(line.utf8)
        var words: [String] = []
        var phase = Phase.spaces
        var word = String.UnicodeScalarView()
        var quote: UInt8 = 0
        var blankOK = false
        var position = 0
        func rest(_ from: Int) -> String { String(decoding: bytes[from...], as: UTF8.self) }
        while position <= bytes.count {
            let atEnd = position == bytes.count
            var ch: UInt8 = atEnd ? 0 : bytes[position]
            defer { position += 1 }
            if phase == .spaces {
                if atEnd { break }
                if isSpace(ch) { continue }
                if ch != UInt8(ascii: "-") || position + 1 == bytes.count || bytes[position + 1] != UInt8(ascii: "-") {
                    return (rest(position), words)
                }
                phase = .word
            }
            if atEnd {
                if String(word) != "--" && (blankOK || !word.isEmpty) { words.append(String(word)) }
                break
            }
            if phase == .word {
                if isSpace(ch) {
                    phase = .spaces
                    if String(word) == "--" { return (rest(position), words) }
                    if blankOK || !word.isEmpty { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    blankOK = false
                    continue
                }
                if ch == UInt8(ascii: "'") || ch == UInt8(ascii: "\"") {
                    quote = ch
                    blankOK = true
                    phase = .quote
                    continue
                }
                if ch == UInt8(ascii: "\\") {
                    if position + 1 == bytes.count { continue }
                    position += 1
                    ch = bytes[position]
                }
                word.append(Unicode.Scalar(ch))
                continue
            }
            if ch == quote {
                phase = .word
                continue
            }
            if ch == UInt8(ascii: "\\") {
                if position + 1 == bytes.count {
                    phase = .word
                    continue
                }
                position += 1
                ch = bytes[position]
            }
            word.append(Unicode.Scalar(ch))
        }
        return ("", words)
    }
}
