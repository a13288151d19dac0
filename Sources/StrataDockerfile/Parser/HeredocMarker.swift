/// Finds heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`) on an instruction line, like
/// BuildKit's `heredocsFromLine` and `ParseHeredoc`.
enum HeredocMarker {
    /// The heredocs the line introduces, in order, with empty content.
    static func heredocs(inLine line: String) throws(LexFailure) -> [Heredoc] {
        let raw = WordExpander(escape: "\\", rawQuotes: true, rawEscapes: true, skipUnsetVariables: true)
        // BuildKit ignores lexing errors here: a line that does not lex has no heredocs.
        guard let words = try? raw.expandWords(line, environment: [String: String]()) else { return [] }
        var docs: [Heredoc] = []
        for word in words {
            if let heredoc = try parse(word) { docs.append(heredoc) }
        }
        return docs
    }

    /// Matches `^(\d*)<<(-?)([^<]*)$` and resolves the name; quoting any part of the name
    /// turns off expansion of the body.
    static func parse(_ word: String) throws(LexFailure) -> Heredoc? {
        var scalars = Substring(word).unicodeScalars[...]
        var digits = ""
        while let ch = scalars.first, ("0"..."9").contains(ch) {
            digits.unicodeScalars.append(ch)
            scalars.removeFirst()
        }
        guard scalars.starts(with: "<<".unicodeScalars) else { return nil }
        scalars.removeFirst(2)
        var chomp = false
        if scalars.first == "-" {
            chomp = true
            scalars.removeFirst()
        }
        let rest = String(scalars)
        guard !rest.isEmpty, !rest.containsScalar("<") else { return nil }
        let fileDescriptor = Int(digits) ?? 0

        let cooked = WordExpander(escape: "\\", skipUnsetVariables: true)
        let words: [String]
        let rawWords: [String]
        do {
            words = try cooked.expandWords(rest, environment: [String: String]())
            guard words.count == 1 else { return nil }
            var rawLexer = cooked
            rawLexer.rawQuotes = true
            rawWords = try rawLexer.expandWords(rest, environment: [String: String]())
        } catch {
            throw LexFailure(reason: error.description)
        }
        guard rawWords.count == words.count else {
            throw LexFailure(reason: "internal lexing of heredoc produced inconsistent results: \(rest)")
        }
        func quoteCount(_ text: String) -> Int { text.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
        return Heredoc(name: words[0], expand: quoteCount(words[0]) == quoteCount(rawWords[0]),
                       chomp: chomp, fileDescriptor: fileDescriptor)
    }
}
