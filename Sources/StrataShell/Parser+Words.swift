extension Parser {
    /// Reads one word at the cursor with its quoting preserved.
    mutating func parseWord() throws(ShellSyntaxError) -> ShellWord {
        skipBlanksForWord()
        var parts: [WordPart] = []
        if peekCharacter() == "~" {
            var name = ""
            var offset = 1
            while let c = peekCharacter(offset), c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." {
                name.append(c)
                offset += 1
            }
            let next = peekCharacter(offset)
            if next == nil || next == "/" || " \t\n;&|()<>".contains(next ?? " ") {
                skip(offset)
                parts.append(.tilde(name))
            }
        }
        try parseParts(into: &parts, stop: { " \t\n;&|()<>".contains($0) }, inDoubleQuotes: false)
        return ShellWord(parts: parts)
    }

    /// Reads parts up to (not including) a character for which `stop` holds.
    mutating func parseParts(into parts: inout [WordPart], stop: (Character) -> Bool, inDoubleQuotes: Bool) throws(ShellSyntaxError) {
        var literal = ""
        func flush(_ parts: inout [WordPart]) {
            if !literal.isEmpty { parts.append(inDoubleQuotes ? .quoted(literal) : .literal(literal)); literal = "" }
        }
        while let c = peekCharacter() {
            if stop(c) { break }
            switch c {
            case "\\":
                skip(1)
                guard let next = takeCharacter() else { literal.append("\\"); break }
                if next == "\n" { break }
                if inDoubleQuotes && !"$`\"\\".contains(next) {
                    literal.append("\\")
                    literal.append(next)
                } else {
                    flush(&parts)
                    parts.append(.quoted(String(next)))
                }
            case "'" where !inDoubleQuotes:
                skip(1)
                flush(&parts)
                var text = ""
                while true {
                    guard let d = takeCharacter() else { throw syntaxError("unterminated quoted string") }
                    if d == "'" { break }
                    text.append(d)
                }
                parts.append(.quoted(text))
            case "\"" where !inDoubleQuotes:
                skip(1)
                flush(&parts)
                var inner: [WordPart] = []
                try parseParts(into: &inner, stop: { $0 == "\"" }, inDoubleQuotes: true)
                guard takeCharacter() == "\"" else { throw syntaxError("unterminated quoted string") }
                parts.append(.doubleQuoted(inner))
            case "$":
                if let part = try parseDollar() {
                    flush(&parts)
                    parts.append(part)
                } else {
                    skip(1)
                    literal.append("$")
                }
            case "`":
                skip(1)
                flush(&parts)
                parts.append(try parseBackquote())
            default:
                skip(1)
                literal.append(c)
            }
        }
        flush(&parts)
    }

    /// `$...` at the cursor, or nil when the `$` is literal.
    private mutating func parseDollar() throws(ShellSyntaxError) -> WordPart? {
        guard let next = peekCharacter(1) else { return nil }
        if next == "(" {
            if peekCharacter(2) == "(" {
                skip(3)
                var depth = 0
                var text = ""
                while true {
                    guard let c = takeCharacter() else { throw syntaxError("unexpected end of file (expecting \"))\")") }
                    if c == "(" { depth += 1 }
                    if c == ")" {
                        if depth == 0 {
                            guard takeCharacter() == ")" else { throw syntaxError("unexpected \")\"") }
                            break
                        }
                        depth -= 1
                    }
                    text.append(c)
                }
                return .arithmetic(try Parser.parseExpandable(text, dialect: currentDialect))
            }
            skip(2)
            let body = try parseSubstitutionBody()
            return .commandSubstitution(body)
        }
        if next == "{" {
            skip(2)
            return .parameter(try parseBraceParameter())
        }
        if next == "'" {
            skip(2)
            return .quoted(try parseAnsiC())
        }
        if "@*#?-$!".contains(next) || (next.isASCII && next.isNumber) {
            skip(2)
            return .parameter(ParameterExpansion(name: String(next)))
        }
        if next == "_" || (next.isASCII && next.isLetter) {
            skip(1)
            var name = ""
            while let c = peekCharacter(), c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) {
                name.append(c)
                skip(1)
            }
            return .parameter(ParameterExpansion(name: name))
        }
        return nil
    }

    private mutating func parseAnsiC() throws(ShellSyntaxError) -> String {
        var text = ""
        while true {
            guard let c = takeCharacter() else { throw syntaxError("unterminated quoted string") }
            if c == "'" { return text }
            if c == "\\", let e = takeCharacter() {
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "e": text.append("\u{1b}")
                case "0": text.append("\u{0}")
                default: text.append(e)
                }
            } else {
                text.append(c)
            }
        }
    }

    private mutating func parseBraceParameter() throws(ShellSyntaxError) -> ParameterExpansion {
        var expansion = ParameterExpansion(name: "")
        if peekCharacter() == "#", let after = peekCharacter(1), after != "}" {
            skip(1)
            expansion.op = .length
        }
        if let c = peekCharacter(), "@*#?-$!".contains(c) || (c.isASCII && c.isNumber) {
            skip(1)
            expansion.name = String(c)
            while c.isASCII && c.isNumber, let d = peekCharacter(), d.isASCII, d.isNumber {
                expansion.name.append(d)
                skip(1)
            }
        } else {
            while let c = peekCharacter(), c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) {
                expansion.name.append(c)
                skip(1)
            }
        }
        if expansion.name.isEmpty { throw syntaxError("bad substitution") }
        guard let c = peekCharacter() else { throw syntaxError("missing '}'") }
        if c == "}" { skip(1); return expansion }
        if expansion.op == .length { throw syntaxError("bad substitution") }
        func colonOp(_ ch: Character?, colon: Bool) -> ParameterExpansion.Operator? {
            switch ch {
            case "-": return .useDefault(colon: colon)
            case "=": return .assignDefault(colon: colon)
            case "?": return .errorIfUnset(colon: colon)
            case "+": return .useAlternative(colon: colon)
            default: return nil
            }
        }
        if c == ":", let op = colonOp(peekCharacter(1), colon: true) {
            skip(2); expansion.op = op
        } else if c == ":" {
            skip(1); expansion.op = .substring
        } else if let op = colonOp(c, colon: false) {
            skip(1); expansion.op = op
        } else if c == "%" {
            if peekCharacter(1) == "%" { skip(2); expansion.op = .removeLargestSuffix } else { skip(1); expansion.op = .removeSmallestSuffix }
        } else if c == "#" {
            if peekCharacter(1) == "#" { skip(2); expansion.op = .removeLargestPrefix } else { skip(1); expansion.op = .removeSmallestPrefix }
        } else if c == "/" {
            skip(1)
            var all = false
            var anchor: Character?
            if peekCharacter() == "/" { skip(1); all = true } else if currentDialect == .bash, let a = peekCharacter(), a == "#" || a == "%" { skip(1); anchor = a }
            expansion.op = .replace(all: all, anchor: anchor)
        } else {
            throw syntaxError("bad substitution")
        }
        let splitsOnSecond = { () -> Bool in
            switch expansion.op {
            case .replace: return true
            case .substring: return true
            default: return false
            }
        }()
        var argument: [WordPart] = []
        try parseParts(into: &argument, stop: { $0 == "}" || (splitsOnSecond && ($0 == "/" || $0 == ":")) }, inDoubleQuotes: false)
        expansion.argument = ShellWord(parts: argument)
        if splitsOnSecond, let c = peekCharacter(), c == "/" || c == ":" {
            skip(1)
            var second: [WordPart] = []
            try parseParts(into: &second, stop: { $0 == "}" }, inDoubleQuotes: false)
            expansion.second = ShellWord(parts: second)
        }
        guard takeCharacter() == "}" else { throw syntaxError("missing '}'") }
        return expansion
    }

    private mutating func parseBackquote() throws(ShellSyntaxError) -> WordPart {
        var text = ""
        while true {
            guard let c = takeCharacter() else { throw syntaxError("unterminated quoted string") }
            if c == "`" { break }
            if c == "\\", let next = peekCharacter(), "$`\\".contains(next) {
                skip(1)
                text.append(next)
                continue
            }
            text.append(c)
        }
        return .commandSubstitution(try Parser.parse(text, dialect: currentDialect))
    }

    /// Parses text where only `$`, backquotes and backslash are special: here-document bodies
    /// and arithmetic expressions.
    static func parseExpandable(_ text: String, dialect: Dialect) throws(ShellSyntaxError) -> ShellWord {
        var parser = Parser(text, dialect: dialect)
        var parts: [WordPart] = []
        try parser.parseParts(into: &parts, stop: { _ in false }, inDoubleQuotes: true)
        return ShellWord(parts: parts)
    }
}
