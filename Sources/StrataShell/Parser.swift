/// A recursive-descent parser for POSIX sh (and the bash extensions Dockerfiles use), working
/// directly on characters because shell tokenisation depends on the grammar position.
struct Parser {
    enum Token: Equatable {
        case word(String)
        case op(String)
        case newline
        case end
    }

    enum Dialect { case sh, bash }

    let chars: [Character]
    var pos = 0
    var line = 1
    let dialect: Dialect
    var pendingHereDocs: [HereDocument] = []

    init(_ text: String, dialect: Dialect) {
        chars = Array(text)
        self.dialect = dialect
    }

    static func parse(_ text: String, dialect: Dialect) throws(ShellSyntaxError) -> ShellCommand {
        var parser = Parser(text, dialect: dialect)
        return try parser.parseProgram()
    }

    // MARK: characters

    private func peekChar(_ offset: Int = 0) -> Character? {
        pos + offset < chars.count ? chars[pos + offset] : nil
    }

    private mutating func advance() -> Character? {
        guard pos < chars.count else { return nil }
        let c = chars[pos]
        pos += 1
        if c == "\n" { line += 1 }
        return c
    }

    private func error(_ message: String) -> ShellSyntaxError { ShellSyntaxError(message: message, line: line) }

    /// Skips blanks, comments and backslash-newline continuations.
    private mutating func skipBlanks() {
        while let c = peekChar() {
            if c == " " || c == "\t" || c == "\r" {
                pos += 1
            } else if c == "\\" && peekChar(1) == "\n" {
                pos += 2
                line += 1
            } else if c == "#" {
                while let d = peekChar(), d != "\n" { pos += 1 }
            } else {
                break
            }
        }
    }

    // MARK: tokens

    private static let operators = ["&&", "||", ";;", "<<-", "<<<", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "&", "|", ";", "(", ")", "<", ">"]

    /// The next operator at the cursor, if any (without consuming).
    private func operatorAhead() -> String? {
        for op in Self.operators {
            if (op == "&>" || op == "<<<") && dialect != .bash { continue }
            var matches = true
            for (i, c) in op.enumerated() where peekChar(i) != c { matches = false; break }
            if matches { return op }
        }
        return nil
    }

    /// Kind of the next token, without consuming it: a word is reported by its raw text.
    private mutating func peekToken() -> Token {
        skipBlanks()
        guard let c = peekChar() else { return .end }
        if c == "\n" { return .newline }
        if let op = operatorAhead() { return .op(op) }
        var end = pos
        var raw = ""
        while end < chars.count {
            let d = chars[end]
            if " \t\n;&|()<>".contains(d) { break }
            if d == "\\" || d == "'" || d == "\"" || d == "$" || d == "`" { raw.append("\u{0}"); break }
            raw.append(d)
            end += 1
        }
        return .word(raw)
    }

    private mutating func consumeNewline() throws(ShellSyntaxError) {
        _ = advance()
        let docs = pendingHereDocs
        pendingHereDocs = []
        for doc in docs { try readHereDocument(doc) }
    }

    /// Skips newlines (and so reads any pending here-documents).
    private mutating func skipLinebreaks() throws(ShellSyntaxError) {
        while peekToken() == .newline { try consumeNewline() }
    }

    private mutating func expectOp(_ op: String) throws(ShellSyntaxError) {
        let token = peekToken()
        guard token == .op(op) else { throw unexpected(token, expecting: op) }
        pos += op.count
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .word(let w): return w.contains("\u{0}") || !Self.keywords.contains(w) ? "word" : "\"\(w)\""
        case .op(let o): return "\"\(o)\""
        case .newline: return "newline"
        case .end: return "end of file"
        }
    }

    private func unexpected(_ token: Token, expecting: String? = nil) -> ShellSyntaxError {
        var message = "unexpected " + describe(token)
        if let expecting { message += " (expecting \"\(expecting)\")" }
        return error(message)
    }

    static let keywords: Set<String> = ["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "{", "}", "!", "[[", "]]", "function"]

    private mutating func isKeyword(_ word: String) -> Bool { peekToken() == .word(word) && atWordBoundary(after: word) }

    private mutating func atWordBoundary(after word: String) -> Bool {
        let end = pos + word.count
        return end >= chars.count || " \t\n;&|()<>".contains(chars[end])
    }

    private mutating func expectKeyword(_ word: String) throws(ShellSyntaxError) {
        guard isKeyword(word) else { throw unexpected(peekToken(), expecting: word) }
        pos += word.count
    }

    // MARK: grammar

    mutating func parseProgram() throws(ShellSyntaxError) -> ShellCommand {
        let list = try parseList(terminators: [])
        let token = peekToken()
        if token != .end { throw unexpected(token) }
        if !pendingHereDocs.isEmpty {
            for doc in pendingHereDocs { try readHereDocument(doc) }
            pendingHereDocs = []
        }
        return list
    }

    /// A sequence of and-or lists up to one of `terminators` (keywords), `)`, `;;` or the end.
    private mutating func parseList(terminators: Set<String>, requireNonEmpty: Bool = false) throws(ShellSyntaxError) -> ShellCommand {
        var items: [ShellCommand] = []
        while true {
            try skipLinebreaks()
            let token = peekToken()
            switch token {
            case .end: return .sequence(items)
            case .op(let op) where op == ")" || op == ";;":
                if requireNonEmpty && items.isEmpty { throw unexpected(token) }
                return .sequence(items)
            case .op(let op) where op == ";" || op == "&" || op == "|" || op == "&&" || op == "||":
                throw unexpected(token)
            case .word(let w) where terminators.contains(w) && atWordBoundary(after: w):
                if requireNonEmpty && items.isEmpty { throw unexpected(token) }
                return .sequence(items)
            case .word(let w) where ["then", "else", "elif", "fi", "do", "done", "esac", "}"].contains(w) && atWordBoundary(after: w):
                throw unexpected(token)
            default: break
            }
            var command = try parseAndOr()
            switch peekToken() {
            case .op(";"): pos += 1
            case .op("&"): pos += 1; command = .background(command)
            case .newline: try consumeNewline()
            default:
                items.append(command)
                let next = peekToken()
                switch next {
                case .end, .op(")"), .op(";;"): return .sequence(items)
                case .word(let w) where terminators.contains(w): return .sequence(items)
                default: throw unexpected(next)
                }
            }
            items.append(command)
        }
    }

    private mutating func parseAndOr() throws(ShellSyntaxError) -> ShellCommand {
        var left = try parsePipeline()
        while true {
            let token = peekToken()
            if token == .op("&&") || token == .op("||") {
                pos += 2
                try skipLinebreaks()
                let right = try parsePipeline()
                left = token == .op("&&") ? .and(left, right) : .or(left, right)
            } else {
                return left
            }
        }
    }

    private mutating func parsePipeline() throws(ShellSyntaxError) -> ShellCommand {
        var negated = false
        if isKeyword("!") { pos += 1; negated = true }
        var commands = [try parseCommand()]
        while peekToken() == .op("|") {
            pos += 1
            try skipLinebreaks()
            commands.append(try parseCommand())
        }
        if commands.count == 1 && !negated { return commands[0] }
        return .pipeline(commands, negated: negated)
    }

    private mutating func parseCommand() throws(ShellSyntaxError) -> ShellCommand {
        let token = peekToken()
        var compound: ShellCommand?
        switch token {
        case .op("("):
            pos += 1
            let body = try parseList(terminators: [], requireNonEmpty: true)
            try expectOp(")")
            compound = .subshell(body)
        case .word("{") where atWordBoundary(after: "{"):
            pos += 1
            let body = try parseList(terminators: ["}"], requireNonEmpty: true)
            try expectKeyword("}")
            compound = .group(body)
        case .word("if") where atWordBoundary(after: "if"): compound = try parseIf()
        case .word("while") where atWordBoundary(after: "while"): compound = try parseWhile(isUntil: false)
        case .word("until") where atWordBoundary(after: "until"): compound = try parseWhile(isUntil: true)
        case .word("for") where atWordBoundary(after: "for"): compound = try parseFor()
        case .word("case") where atWordBoundary(after: "case"): compound = try parseCase()
        // busybox ash accepts `[[ ]]` and `function` too, so both dialects do.
        case .word("[[") where atWordBoundary(after: "[["): compound = try parseConditional()
        case .word("function") where atWordBoundary(after: "function"):
            pos += "function".count
            skipBlanks()
            let name = try parseWord()
            if peekToken() == .op("(") { pos += 1; try expectOp(")") }
            try skipLinebreaks()
            return .function(name: name.plainLiteral ?? "", body: try parseCommand())
        case .end, .newline, .op(";"), .op(";;"), .op("&"), .op("|"), .op("&&"), .op("||"), .op(")"):
            throw unexpected(token)
        default:
            break
        }
        if let compound {
            var redirections: [Redirection] = []
            while let redirection = try parseRedirectionIfAny() { redirections.append(redirection) }
            return redirections.isEmpty ? compound : .redirected(compound, redirections)
        }
        return try parseSimpleCommand()
    }

    private mutating func parseIf() throws(ShellSyntaxError) -> ShellCommand {
        try expectKeyword("if")
        var branches: [(condition: ShellCommand, body: ShellCommand)] = []
        var elseBody: ShellCommand?
        while true {
            let condition = try parseList(terminators: ["then"], requireNonEmpty: true)
            try expectKeyword("then")
            let body = try parseList(terminators: ["elif", "else", "fi"], requireNonEmpty: true)
            branches.append((condition, body))
            if isKeyword("elif") { pos += 4; continue }
            if isKeyword("else") {
                pos += 4
                elseBody = try parseList(terminators: ["fi"], requireNonEmpty: true)
            }
            try expectKeyword("fi")
            return .ifClause(branches: branches, elseBody: elseBody)
        }
    }

    private mutating func parseWhile(isUntil: Bool) throws(ShellSyntaxError) -> ShellCommand {
        pos += isUntil ? 5 : 5
        let condition = try parseList(terminators: ["do"], requireNonEmpty: true)
        try expectKeyword("do")
        let body = try parseList(terminators: ["done"], requireNonEmpty: true)
        try expectKeyword("done")
        return .whileLoop(condition: condition, body: body, isUntil: isUntil)
    }

    private mutating func parseFor() throws(ShellSyntaxError) -> ShellCommand {
        pos += 3
        skipBlanks()
        guard case .word(let raw) = peekToken(), !raw.isEmpty else { throw unexpected(peekToken()) }
        let name = try parseWord().plainLiteral ?? raw
        var words: [ShellWord]?
        while peekToken() == .newline { try consumeNewline() }
        if isKeyword("in") {
            pos += 2
            var list: [ShellWord] = []
            while case .word = peekToken() { list.append(try parseWord()) }
            words = list
            if peekToken() == .op(";") { pos += 1 }
        } else if peekToken() == .op(";") {
            pos += 1
        }
        try skipLinebreaks()
        guard isKeyword("do") else { throw unexpected(peekToken(), expecting: "do") }
        try expectKeyword("do")
        let body = try parseList(terminators: ["done"], requireNonEmpty: true)
        try expectKeyword("done")
        return .forLoop(name: name, words: words, body: body)
    }

    private mutating func parseCase() throws(ShellSyntaxError) -> ShellCommand {
        pos += 4
        skipBlanks()
        let subject = try parseWord()
        try skipLinebreaks()
        try expectKeyword("in")
        var items: [CaseItem] = []
        while true {
            try skipLinebreaks()
            if isKeyword("esac") { pos += 4; break }
            if peekToken() == .op("(") { pos += 1 }
            var patterns: [ShellWord] = []
            while true {
                skipBlanks()
                guard case .word = peekToken() else { throw unexpected(peekToken()) }
                patterns.append(try parseWord())
                if peekToken() == .op("|") { pos += 1; continue }
                break
            }
            try expectOp(")")
            let body = try parseList(terminators: ["esac"])
            items.append(CaseItem(patterns: patterns, body: body))
            if peekToken() == .op(";;") { pos += 2; continue }
            try skipLinebreaks()
            try expectKeyword("esac")
            break
        }
        return .caseClause(subject: subject, items: items)
    }

    private mutating func parseConditional() throws(ShellSyntaxError) -> ShellCommand {
        pos += 2
        var words: [ShellWord] = []
        while true {
            skipBlanks()
            if isKeyword("]]") { pos += 2; break }
            switch peekToken() {
            case .end, .newline: throw unexpected(peekToken())
            case .op(let op) where op == "&&" || op == "||" || op == "(" || op == ")" || op == "<" || op == ">":
                pos += op.count
                words.append(ShellWord(parts: [.literal(op)]))
            case .op(let op): throw unexpected(.op(op))
            case .word: words.append(try parseWord())
            }
        }
        return .conditional(words)
    }

    /// A redirection at the cursor (`2>`, `>>`, `<<EOF`, ...), or nil when there is none.
    private mutating func parseRedirectionIfAny() throws(ShellSyntaxError) -> Redirection? {
        skipBlanks()
        var fd: Int?
        var digits = 0
        while let c = peekChar(digits), c.isASCII, c.isNumber { digits += 1 }
        if digits > 0, let c = peekChar(digits), c == "<" || c == ">" {
            fd = Int(String(chars[pos..<pos + digits]))
            pos += digits
        }
        guard case .op(let op) = peekToken(), let kind = Redirection.Operator(rawValue: op == "<<-" ? "<<" : op) else {
            if fd != nil { pos -= digits }
            return nil
        }
        pos += op.count
        skipBlanks()
        guard case .word(let raw) = peekToken(), !raw.isEmpty || peekChar().map({ "'\"$`\\".contains($0) }) == true else {
            throw unexpected(peekToken())
        }
        let start = pos
        let target = try parseWord()
        var redirection = Redirection(fd: fd, op: kind, target: target)
        if kind == .hereDocument {
            let rawText = String(chars[start..<pos])
            let quoted = rawText.contains { "'\"\\".contains($0) }
            let delimiter = rawText.filter { !"'\"\\".contains($0) }
            let doc = HereDocument(delimiter: delimiter, stripTabs: op == "<<-", isQuoted: quoted)
            pendingHereDocs.append(doc)
            redirection.hereDocument = doc
        }
        return redirection
    }

    private mutating func parseSimpleCommand() throws(ShellSyntaxError) -> ShellCommand {
        var command = SimpleCommand()
        command.line = line
        while true {
            if let redirection = try parseRedirectionIfAny() {
                command.redirections.append(redirection)
                continue
            }
            guard case .word = peekToken() else { break }
            if command.words.isEmpty, isKeyword("]]") { break }
            let word = try parseWord()
            if command.words.isEmpty, let assignment = Self.assignment(word) {
                command.assignments.append(assignment)
                continue
            }
            if command.words.isEmpty && command.assignments.isEmpty && command.redirections.isEmpty,
                let name = word.plainLiteral, peekToken() == .op("(")
            {
                pos += 1
                try expectOp(")")
                try skipLinebreaks()
                return .function(name: name, body: try parseCommand())
            }
            command.words.append(word)
        }
        if command.words.isEmpty && command.assignments.isEmpty && command.redirections.isEmpty {
            throw unexpected(peekToken())
        }
        return .simple(command)
    }

    /// `NAME=value` split into its name and value, when the word is an assignment.
    static func assignment(_ word: ShellWord) -> (name: String, value: ShellWord)? {
        guard case .literal(let first)? = word.parts.first, let eq = first.firstIndex(of: "=") else { return nil }
        let name = first[..<eq]
        guard let head = name.first, head == "_" || (head.isASCII && head.isLetter),
            name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        else { return nil }
        var parts = Array(word.parts.dropFirst())
        let rest = String(first[first.index(after: eq)...])
        if !rest.isEmpty { parts.insert(.literal(rest), at: 0) }
        return (String(name), ShellWord(parts: parts))
    }

    // MARK: helpers for word parsing

    func peekCharacter(_ offset: Int = 0) -> Character? { peekChar(offset) }
    mutating func takeCharacter() -> Character? { advance() }
    mutating func skip(_ count: Int) { for _ in 0..<count { _ = advance() } }
    mutating func skipBlanksForWord() { skipBlanks() }
    func syntaxError(_ message: String) -> ShellSyntaxError { error(message) }
    var currentDialect: Dialect { dialect }

    /// The body of `$(...)`: a full list up to the matching `)`.
    mutating func parseSubstitutionBody() throws(ShellSyntaxError) -> ShellCommand {
        let body = try parseList(terminators: [])
        let token = peekToken()
        guard token == .op(")") else { throw unexpected(token, expecting: ")") }
        pos += 1
        return body
    }

    /// Reads a here-document body at the cursor (just after the newline that ended its line).
    mutating func readHereDocument(_ doc: HereDocument) throws(ShellSyntaxError) {
        var lines: [String] = []
        var found = false
        while pos < chars.count {
            var text = ""
            while let c = advance(), c != "\n" { text.append(c) }
            let compare = doc.stripTabs ? String(text.drop(while: { $0 == "\t" })) : text
            if compare == doc.delimiter { found = true; break }
            lines.append(compare)
        }
        _ = found
        let body = lines.map { $0 + "\n" }.joined()
        if doc.isQuoted {
            doc.body = ShellWord(parts: [.quoted(body)])
        } else {
            doc.body = try Parser.parseExpandable(body, dialect: dialect)
        }
    }
}
