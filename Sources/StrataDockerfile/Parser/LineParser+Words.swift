extension LineParser {
    /// Splits on unquoted whitespace keeping quotes and escapes in the words (they are removed
    /// later, by expansion), like BuildKit's `parseWords`.
    func parseWords(_ rest: String) -> [String] {
        enum Phase { case spaces, word, quote }
        let scalars = Array(rest.unicodeScalars)
        var words: [String] = []
        var phase = Phase.spaces
        var word = String.UnicodeScalarView()
        var quote: Unicode.Scalar = "\0"
        var blankOK = false
        var position = 0
        while position <= scalars.count {
            let atEnd = position == scalars.count
            var ch: Unicode.Scalar = atEnd ? "\0" : scalars[position]
            defer { position += 1 }
            if phase == .spaces {
                if atEnd { break }
                if ch.isGoSpace { continue }
                phase = .word
            }
            if atEnd {
                if blankOK || !word.isEmpty { words.append(String(word)) }
                break
            }
            if phase == .word {
                if ch.isGoSpace {
                    phase = .spaces
                    if blankOK || !word.isEmpty { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    blankOK = false
                    continue
                }
                if ch == "'" || ch == "\"" {
                    quote = ch
                    blankOK = true
                    phase = .quote
                }
                if ch == escape {
                    if position + 1 == scalars.count { continue }
                    word.append(ch)
                    position += 1
                    ch = scalars[position]
                }
                word.append(ch)
                continue
            }
            if ch == quote { phase = .word }
            if ch == escape && quote != "'" {
                if position + 1 == scalars.count {
                    phase = .word
                    continue
                }
                position += 1
                word.append(ch)
                ch = scalars[position]
            }
            word.append(ch)
        }
        return words
    }
}
