/// A failure inside the lexer, before it is wrapped with the word being processed.
struct LexFailure: Error {
    var reason: String
}

/// Words being accumulated while scanning, with shell-style splitting on unquoted whitespace.
struct WordsAccumulator {
    var word = ""
    var words: [String] = []
    var inWord = false

    mutating func addChar(_ ch: Unicode.Scalar) {
        if ch.isGoSpace && inWord {
            if !word.isEmpty {
                words.append(word)
                word = ""
                inWord = false
            }
        } else if !ch.isGoSpace {
            addRawChar(ch)
        }
    }

    mutating func addRawChar(_ ch: Unicode.Scalar) {
        word.unicodeScalars.append(ch)
        inWord = true
    }

    mutating func addString(_ text: String) {
        for ch in text.unicodeScalars { addChar(ch) }
    }

    mutating func addRawString(_ text: String) {
        word += text
        inWord = true
    }

    mutating func finish() -> [String] {
        if !word.isEmpty {
            words.append(word)
            word = ""
            inWord = false
        }
        return words
    }
}

/// The scanning state for one word: a transcription of BuildKit's `shellWord`.
struct ShellWordState {
    var scalars: [Unicode.Scalar]
    var position = 0
    let lookup: (String) -> String?
    let escape: Unicode.Scalar
    let options: WordExpander
    var matched: Set<String> = []
    var unmatched: Set<String> = []
    /// How many `${…}` the scanner is inside. Each level recurses, so nesting is bounded
    /// (BuildKit's goroutine stacks grow; ours do not): a crafted word with 5,000 nested
    /// `${a:-` overflowed the stack (Docs/fuzzing.md). No real Dockerfile nests anywhere near
    /// the limit.
    var braceDepth = 0
    static let maximumBraceDepth = 100

    init(scalars: [Unicode.Scalar], lookup: @escaping (String) -> String?, escape: Unicode.Scalar,
         options: WordExpander) {
        self.scalars = scalars
        self.lookup = lookup
        self.escape = escape
        self.options = options
    }

    func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    @discardableResult
    mutating func next() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        defer { position += 1 }
        return scalars[position]
    }

    mutating func environmentValue(_ name: String) -> String? {
        if let value = lookup(name) {
            matched.insert(name)
            return value
        }
        unmatched.insert(name)
        return nil
    }

    /// Processes up to `stopChar` (consumed) or the end of input when `stopChar` is nil.
    mutating func processStopOn(_ stopChar: Unicode.Scalar?, rawEscapes: Bool) throws(LexFailure) -> (String, [String]) {
        var result = ""
        var words = WordsAccumulator()
        while let ch = peek() {
            if let stopChar, ch == stopChar {
                next()
                return (result, words.finish())
            }
            switch ch {
            case "'":
                let text = try processSingleQuote()
                result += text
                words.addRawString(text)
            case "\"":
                let text = try processDoubleQuote()
                result += text
                words.addRawString(text)
            case "$":
                let text = try processDollar()
                result += text
                words.addString(text)
            default:
                guard var ch = next() else { break }
                if ch == escape {
                    if rawEscapes {
                        words.addRawChar(ch)
                        result.unicodeScalars.append(ch)
                    }
                    guard let escaped = next() else {
                        return try finishAtEnd(stopChar, result: result, words: &words)
                    }
                    ch = escaped
                    words.addRawChar(ch)
                } else {
                    words.addChar(ch)
                }
                result.unicodeScalars.append(ch)
            }
        }
        return try finishAtEnd(stopChar, result: result, words: &words)
    }

    private func finishAtEnd(_ stopChar: Unicode.Scalar?, result: String, words: inout WordsAccumulator) throws(LexFailure) -> (String, [String]) {
        if let stopChar {
            throw LexFailure(reason: "unexpected end of statement while looking for matching \(stopChar)")
        }
        return (result, words.finish())
    }

    mutating func processSingleQuote() throws(LexFailure) -> String {
        var result = ""
        if let open = next(), options.rawQuotes { result.unicodeScalars.append(open) }
        while true {
            guard let ch = next() else {
                throw LexFailure(reason: "unexpected end of statement while looking for matching single-quote")
            }
            if ch == "'" {
                if options.rawQuotes { result.unicodeScalars.append(ch) }
                return result
            }
            result.unicodeScalars.append(ch)
        }
    }

    mutating func processDoubleQuote() throws(LexFailure) -> String {
        var result = ""
        if let open = next(), options.rawQuotes { result.unicodeScalars.append(open) }
        while true {
            guard let ahead = peek() else {
                throw LexFailure(reason: "unexpected end of statement while looking for matching double-quote")
            }
            if ahead == "\"" {
                next()
                if options.rawQuotes { result.unicodeScalars.append(ahead) }
                return result
            }
            if ahead == "$" {
                result += try processDollar()
                continue
            }
            guard var ch = next() else { continue }
            if ch == escape {
                if options.rawEscapes { result.unicodeScalars.append(ch) }
                guard let following = peek() else { continue }
                if following == "\"" || following == "$" || following == escape {
                    ch = following
                    next()
                } else if options.rawEscapes {
                    continue
                }
            }
            result.unicodeScalars.append(ch)
        }
    }

    /// Reads a variable name: letters, digits and `_`; or a run of digits; or one special
    /// parameter character.
    mutating func processName() -> String {
        var name = ""
        while let ch = peek() {
            if name.isEmpty && ch.isGoDigit {
                while let digit = peek(), digit.isGoDigit {
                    name.unicodeScalars.append(digit)
                    next()
                }
                return name
            }
            if name.isEmpty && "@*#?-$!0".unicodeScalars.contains(ch) {
                next()
                return String(ch)
            }
            if !ch.isGoLetter && !ch.isGoDigit && ch != "_" { break }
            name.unicodeScalars.append(ch)
            next()
        }
        return name
    }
}
