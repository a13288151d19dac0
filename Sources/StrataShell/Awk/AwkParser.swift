/// Tokenises and parses awk program text.
struct AwkParser {
    enum Token: Equatable {
        case number(Double), string(String), regex(String), name(String), function(String), builtin(String)
        case punct(String), newline, end
    }

    private var tokens: [Token] = []
    private var index = 0

    static let builtins: Set<String> = ["length", "substr", "index", "split", "sub", "gsub", "tolower", "toupper", "sprintf", "int", "match", "system"]
    static let keywords: Set<String> = ["BEGIN", "END", "print", "printf", "if", "else", "while", "for", "in", "next", "exit", "delete", "do", "getline", "function", "return"]

    init(_ text: String) throws(AwkError) {
        tokens = try Self.tokenize(Array(text))
    }

    static func tokenize(_ c: [Character]) throws(AwkError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func regexAllowed() -> Bool {
            guard let last = tokens.last else { return true }
            switch last {
            case .number, .string, .regex, .name, .builtin: return false
            case .punct(let p): return ![")", "]", "$"].contains(p) && !(p == "++" || p == "--")
            default: return true
            }
        }
        while i < c.count {
            let ch = c[i]
            if ch == " " || ch == "\t" { i += 1; continue }
            if ch == "\\" && i + 1 < c.count && c[i + 1] == "\n" { i += 2; continue }
            if ch == "\n" || ch == ";" && false { tokens.append(.newline); i += 1; continue }
            if ch == "#" { while i < c.count && c[i] != "\n" { i += 1 }; continue }
            if ch.isNumber || (ch == "." && i + 1 < c.count && c[i + 1].isNumber) {
                var text = ""
                while i < c.count && (c[i].isNumber || c[i] == "." || c[i] == "e" || c[i] == "E") { text.append(c[i]); i += 1 }
                tokens.append(.number(Double(text) ?? 0))
                continue
            }
            if ch == "\"" {
                i += 1
                var text = ""
                while i < c.count && c[i] != "\"" {
                    if c[i] == "\\" && i + 1 < c.count {
                        i += 1
                        switch c[i] {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        case "\\": text.append("\\")
                        case "\"": text.append("\"")
                        case "/": text.append("/")
                        default: text.append("\\"); text.append(c[i])
                        }
                    } else {
                        text.append(c[i])
                    }
                    i += 1
                }
                guard i < c.count else { throw AwkError(message: "unterminated string") }
                i += 1
                tokens.append(.string(text))
                continue
            }
            if ch == "/" && regexAllowed() {
                i += 1
                var text = ""
                while i < c.count && c[i] != "/" {
                    if c[i] == "\\" && i + 1 < c.count && c[i + 1] == "/" { text.append("/"); i += 2; continue }
                    if c[i] == "\\" && i + 1 < c.count { text.append(c[i]); text.append(c[i + 1]); i += 2; continue }
                    text.append(c[i])
                    i += 1
                }
                guard i < c.count else { throw AwkError(message: "unterminated regexp") }
                i += 1
                tokens.append(.regex(text))
                continue
            }
            if ch == "_" || ch.isLetter {
                var text = ""
                while i < c.count && (c[i] == "_" || c[i].isLetter || c[i].isNumber) { text.append(c[i]); i += 1 }
                if builtins.contains(text) { tokens.append(.builtin(text)) } else if i < c.count && c[i] == "(" && !keywords.contains(text) {
                    tokens.append(.function(text))
                } else {
                    tokens.append(.name(text))
                }
                continue
            }
            let three = i + 2 < c.count ? String(c[i...(i + 2)]) : ""
            let two = i + 1 < c.count ? String(c[i...(i + 1)]) : ""
            if ["**="].contains(three) { tokens.append(.punct(three)); i += 3; continue }
            if ["&&", "||", "==", "!=", "<=", ">=", "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", ">>", "!~"].contains(two) {
                tokens.append(.punct(two))
                i += 2
                continue
            }
            if "{}()[];,+-*/%^!<>=~?:$|".contains(ch) {
                tokens.append(ch == ";" ? .punct(";") : .punct(String(ch)))
                i += 1
                continue
            }
            throw AwkError(message: "unexpected character '\(ch)'")
        }
        tokens.append(.end)
        return tokens
    }

    private var peek: Token { tokens[index] }
    private mutating func advance() -> Token { defer { index += 1 }; return tokens[index] }
    private mutating func accept(_ p: String) -> Bool {
        if peek == .punct(p) { index += 1; return true }
        return false
    }
    private mutating func expect(_ p: String) throws(AwkError) {
        guard accept(p) else { throw AwkError(message: "syntax error: expected '\(p)'") }
    }
    private mutating func skipNewlines() { while peek == .newline || peek == .punct(";") { index += 1 } }
    private mutating func skipOnlyNewlines() { while peek == .newline { index += 1 } }

    mutating func parseProgram() throws(AwkError) -> [AwkRule] {
        var rules: [AwkRule] = []
        skipNewlines()
        while peek != .end {
            var pattern = AwkRule.Pattern.always
            if peek == .name("BEGIN") { index += 1; pattern = .begin } else if peek == .name("END") { index += 1; pattern = .end } else if peek != .punct("{") {
                let first = try expression()
                if accept(",") {
                    pattern = .range(first, try expression())
                } else {
                    pattern = .expression(first)
                }
            }
            var action: [AwkStatement]?
            if peek == .punct("{") { action = try block() }
            rules.append(AwkRule(pattern: pattern, action: action))
            skipNewlines()
        }
        return rules
    }

    private mutating func block() throws(AwkError) -> [AwkStatement] {
        try expect("{")
        var statements: [AwkStatement] = []
        skipNewlines()
        while !accept("}") {
            guard peek != .end else { throw AwkError(message: "syntax error: missing '}'") }
            statements.append(try statement())
            skipNewlines()
        }
        return statements
    }

    private mutating func simpleEnd() {
        if peek == .punct(";") || peek == .newline { index += 1 }
    }

    private mutating func statement() throws(AwkError) -> AwkStatement {
        switch peek {
        case .punct("{"): return .block(try block())
        case .punct(";"): index += 1; return .block([])
        case .name("if"):
            index += 1
            try expect("(")
            let condition = try expression()
            try expect(")")
            skipOnlyNewlines()
            let then = try statement()
            let save = index
            skipNewlines()
            if peek == .name("else") {
                index += 1
                skipOnlyNewlines()
                return .ifElse(condition, then, try statement())
            }
            index = save
            return .ifElse(condition, then, nil)
        case .name("while"):
            index += 1
            try expect("(")
            let condition = try expression()
            try expect(")")
            skipOnlyNewlines()
            return .whileLoop(condition, try statement())
        case .name("for"):
            index += 1
            try expect("(")
            if case .name(let variable) = peek, tokens[index + 1] == .name("in"), case .name(let array) = tokens[index + 2], tokens[index + 3] == .punct(")") {
                index += 4
                skipOnlyNewlines()
                return .forIn(variable, array, try statement())
            }
            let initial = peek == .punct(";") ? nil : AwkStatement.expression(try expression())
            try expect(";")
            let condition = peek == .punct(";") ? nil : try expression()
            try expect(";")
            let step = peek == .punct(")") ? nil : AwkStatement.expression(try expression())
            try expect(")")
            skipOnlyNewlines()
            return .forLoop(initial, condition, step, try statement())
        case .name("next"): index += 1; simpleEnd(); return .next
        case .name("exit"):
            index += 1
            let code: AwkExpression? = [.punct(";"), .newline, .punct("}"), .end].contains(peek) ? nil : try expression()
            simpleEnd()
            return .exit(code)
        case .name("delete"):
            index += 1
            guard case .name(let name) = advance() else { throw AwkError(message: "syntax error in delete") }
            var key: AwkExpression?
            if accept("[") { key = try expression(); try expect("]") }
            simpleEnd()
            return .delete(name, key)
        case .name("print"), .name("printf"):
            let isPrintf = advance() == .name("printf")
            var arguments: [AwkExpression] = []
            let parenthesised = peek == .punct("(")
            if ![.punct(";"), .newline, .punct("}"), .punct(">"), .punct(">>"), .punct("|"), .end].contains(peek) {
                arguments.append(try expression(noGreater: !parenthesised))
                while accept(",") { arguments.append(try expression(noGreater: !parenthesised)) }
            }
            if arguments.count == 1, parenthesised, case .call("(group)", let inner) = arguments[0] { arguments = inner }
            var output: (append: Bool, target: AwkExpression)?
            if accept(">") { output = (false, try primaryConcat()) } else if accept(">>") { output = (true, try primaryConcat()) }
            simpleEnd()
            return isPrintf ? .printf(arguments, output: output) : .print(arguments, output: output)
        default:
            let e = try expression()
            simpleEnd()
            return .expression(e)
        }
    }

    // MARK: expressions, lowest precedence first

    private var noGreater = false

    mutating func expression(noGreater: Bool = false) throws(AwkError) -> AwkExpression {
        let saved = self.noGreater
        self.noGreater = noGreater
        defer { self.noGreater = saved }
        return try ternary()
    }

    private mutating func ternary() throws(AwkError) -> AwkExpression {
        let condition = try orExpression()
        if accept("?") {
            let a = try ternary()
            try expect(":")
            return .ternary(condition, a, try ternary())
        }
        if case .punct(let p) = peek, ["=", "+=", "-=", "*=", "/=", "%=", "^="].contains(p), isLValue(condition) {
            index += 1
            return .assign(condition, p, try ternary())
        }
        return condition
    }

    private func isLValue(_ e: AwkExpression) -> Bool {
        switch e {
        case .variable, .field, .element: return true
        default: return false
        }
    }

    private mutating func orExpression() throws(AwkError) -> AwkExpression {
        var left = try andExpression()
        while accept("||") { skipOnlyNewlines(); left = .binary("||", left, try andExpression()) }
        return left
    }

    private mutating func andExpression() throws(AwkError) -> AwkExpression {
        var left = try inExpression()
        while accept("&&") { skipOnlyNewlines(); left = .binary("&&", left, try inExpression()) }
        return left
    }

    private mutating func inExpression() throws(AwkError) -> AwkExpression {
        var left = try matchExpression()
        while peek == .name("in"), case .name(let array) = tokens[index + 1] {
            index += 2
            left = .membership(left, array)
        }
        return left
    }

    private mutating func matchExpression() throws(AwkError) -> AwkExpression {
        var left = try comparison()
        while true {
            if accept("~") { left = .match(left, try comparison(), negated: false) } else if accept("!~") { left = .match(left, try comparison(), negated: true) } else { return left }
        }
    }

    private mutating func comparison() throws(AwkError) -> AwkExpression {
        let left = try concatenation()
        if case .punct(let p) = peek, ["<", "<=", "==", "!=", ">=", ">"].contains(p), !(noGreater && p == ">") {
            index += 1
            return .binary(p, left, try concatenation())
        }
        return left
    }

    private mutating func concatenation() throws(AwkError) -> AwkExpression {
        var left = try additive()
        while startsOperand() {
            left = .concat(left, try additive())
        }
        return left
    }

    private func startsOperand() -> Bool {
        switch peek {
        case .number, .string, .regex, .function, .builtin: return true
        case .name(let n): return !["in", "else", "if", "print", "printf", "next", "exit", "delete", "while", "for"].contains(n)
        case .punct(let p): return ["$", "(", "!", "-", "+", "++", "--"].contains(p) && p != "-" && p != "+"
        default: return false
        }
    }

    private mutating func primaryConcat() throws(AwkError) -> AwkExpression { try concatenation() }

    private mutating func additive() throws(AwkError) -> AwkExpression {
        var left = try multiplicative()
        while true {
            if accept("+") { left = .binary("+", left, try multiplicative()) } else if accept("-") { left = .binary("-", left, try multiplicative()) } else { return left }
        }
    }

    private mutating func multiplicative() throws(AwkError) -> AwkExpression {
        var left = try unary()
        while true {
            if accept("*") { left = .binary("*", left, try unary()) } else if accept("/") { left = .binary("/", left, try unary()) } else if accept("%") { left = .binary("%", left, try unary()) } else { return left }
        }
    }

    private mutating func unary() throws(AwkError) -> AwkExpression {
        if accept("!") { return .unary("!", try unary()) }
        if accept("-") { return .unary("-", try unary()) }
        if accept("+") { return .unary("+", try unary()) }
        return try power()
    }

    private mutating func power() throws(AwkError) -> AwkExpression {
        let base = try postfix()
        if accept("^") { return .binary("^", base, try unary()) }
        return base
    }

    private mutating func postfix() throws(AwkError) -> AwkExpression {
        if accept("++") { return .increment(try postfix(), delta: 1, prefix: true) }
        if accept("--") { return .increment(try postfix(), delta: -1, prefix: true) }
        let e = try primary()
        if isLValue(e) {
            if accept("++") { return .increment(e, delta: 1, prefix: false) }
            if accept("--") { return .increment(e, delta: -1, prefix: false) }
        }
        return e
    }

    private mutating func primary() throws(AwkError) -> AwkExpression {
        let token = advance()
        switch token {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .regex(let r): return .regex(r)
        case .punct("$"): return .field(try postfixFieldOperand())
        case .punct("("):
            var items = [try expression()]
            while accept(",") { items.append(try expression()) }
            try expect(")")
            if items.count > 1 {
                if peek == .name("in"), case .name(let array) = tokens[index + 1] {
                    index += 2
                    return .membership(.call("(join)", items), array)
                }
                return .call("(group)", items)
            }
            return items[0]
        case .name(let name):
            if accept("[") {
                var key = try expression()
                while accept(",") { key = .concat(.concat(key, .variable("SUBSEP")), try expression()) }
                try expect("]")
                return .element(name, key)
            }
            return .variable(name)
        case .builtin(let name), .function(let name):
            var arguments: [AwkExpression] = []
            if accept("(") {
                if !accept(")") {
                    arguments.append(try expression())
                    while accept(",") { arguments.append(try expression()) }
                    try expect(")")
                }
            }
            return .call(name, arguments)
        default:
            throw AwkError(message: "syntax error: unexpected \(token)")
        }
    }

    private mutating func postfixFieldOperand() throws(AwkError) -> AwkExpression {
        if accept("(") {
            let e = try expression()
            try expect(")")
            return e
        }
        if accept("-") { return .unary("-", try postfixFieldOperand()) }
        if accept("$") { return .field(try postfixFieldOperand()) }
        let token = advance()
        switch token {
        case .number(let n): return .number(n)
        case .name(let name): return .variable(name)
        default: throw AwkError(message: "syntax error after $")
        }
    }
}
