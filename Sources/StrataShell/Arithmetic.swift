struct ArithmeticError: Error {
    var message: String
}

/// A parsed `$(( ))` expression with C precedence over 64-bit integers.
///
/// Parsed once per distinct text and kept in the interpreter's cache, because loops expand
/// the same `$((i+1))` thousands of times. Evaluation keeps the order of side effects the
/// text-walking evaluator had: the right side of an assignment before the old value is read,
/// both arms of `?:`, both sides of `&&`/`||`.
indirect enum ArithmeticExpression: Sendable {
    enum BinaryOperator: Sendable {
        case or, and, bitOr, bitXor, bitAnd, equal, notEqual, lessEqual, greaterEqual, less, greater
        case shiftLeft, shiftRight, add, subtract, multiply, divide, remainder
    }

    enum UnaryOperator: Sendable { case not, complement, negate, plus }

    case number(Int)
    case variable(String)
    /// `name = rhs` (operator nil) or `name op= rhs`.
    case assign(String, BinaryOperator?, ArithmeticExpression)
    /// `name++` / `name--`: the old value, then the variable changes by `delta`.
    case postfix(String, delta: Int)
    case unary(UnaryOperator, ArithmeticExpression)
    case binary(BinaryOperator, ArithmeticExpression, ArithmeticExpression)
    case ternary(ArithmeticExpression, ArithmeticExpression, ArithmeticExpression)
    case power(ArithmeticExpression, ArithmeticExpression)
    /// The empty expression, which is 0.
    case empty

    /// Parses `text`; a syntax error is reported with the message sh prints.
    static func parse(_ text: String) throws(ArithmeticError) -> ArithmeticExpression {
        var parser = ArithmeticParser(Array(text.utf8))
        return try parser.parseAll()
    }

    /// The value of a plain decimal literal such as a loop counter's `123` or `-7`, without
    /// parsing; nil when the text needs the full grammar (octal, hex, spaces, operators).
    static func plainDecimal(_ text: String) -> Int? {
        let utf8 = text.utf8
        guard var lead = utf8.first else { return nil }
        var digits = utf8.count
        if lead == UInt8(ascii: "-") {
            guard digits > 1 else { return nil }
            lead = utf8[utf8.index(after: utf8.startIndex)]
            digits -= 1
        }
        // A leading 0 means octal to `$(( ))`; `+`, spaces and the rest need the grammar.
        guard lead >= UInt8(ascii: "0"), lead <= UInt8(ascii: "9"), lead != UInt8(ascii: "0") || digits == 1 else { return nil }
        return Int(text)
    }

    /// Evaluates against the shell's variables, assigning through it.
    func evaluate(_ shell: Interpreter) throws -> Int {
        switch self {
        case .empty: return 0
        case .number(let value): return value
        case .variable(let name): return try shell.arithmeticValue(of: name)
        case .assign(let name, let op, let rhs):
            let right = try rhs.evaluate(shell)
            let value: Int
            if let op {
                value = try Self.apply(op, try shell.arithmeticValue(of: name), right)
            } else {
                value = right
            }
            try shell.setVariable(name, ShellString(String(value)))
            return value
        case .postfix(let name, let delta):
            let old = try shell.arithmeticValue(of: name)
            try shell.setVariable(name, ShellString(String(old &+ delta)))
            return old
        case .unary(let op, let operand):
            let value = try operand.evaluate(shell)
            switch op {
            case .not: return value == 0 ? 1 : 0
            case .complement: return ~value
            case .negate: return 0 &- value
            case .plus: return value
            }
        case .binary(let op, let left, let right):
            let l = try left.evaluate(shell)
            let r = try right.evaluate(shell)
            return try Self.apply(op, l, r)
        case .ternary(let condition, let a, let b):
            let c = try condition.evaluate(shell)
            let x = try a.evaluate(shell)
            let y = try b.evaluate(shell)
            return c != 0 ? x : y
        case .power(let base, let exponent):
            let b = try base.evaluate(shell)
            let e = try exponent.evaluate(shell)
            var result = 1
            if e > 0 { for _ in 0..<e { result = result &* b } }
            return result
        }
    }

    static func apply(_ op: BinaryOperator, _ left: Int, _ right: Int) throws(ArithmeticError) -> Int {
        switch op {
        case .or: return (left != 0 || right != 0) ? 1 : 0
        case .and: return (left != 0 && right != 0) ? 1 : 0
        case .bitOr: return left | right
        case .bitXor: return left ^ right
        case .bitAnd: return left & right
        case .equal: return left == right ? 1 : 0
        case .notEqual: return left != right ? 1 : 0
        case .lessEqual: return left <= right ? 1 : 0
        case .greaterEqual: return left >= right ? 1 : 0
        case .less: return left < right ? 1 : 0
        case .greater: return left > right ? 1 : 0
        case .shiftLeft: return left << right
        case .shiftRight: return left >> right
        case .add: return left &+ right
        case .subtract: return left &- right
        case .multiply: return left &* right
        case .divide:
            guard right != 0 else { throw ArithmeticError(message: "divide by zero") }
            return left.dividedReportingOverflow(by: right).partialValue
        case .remainder:
            guard right != 0 else { throw ArithmeticError(message: "divide by zero") }
            return left.remainderReportingOverflow(dividingBy: right).partialValue
        }
    }
}

/// The recursive-descent parser behind `ArithmeticExpression.parse`, over ASCII bytes.
struct ArithmeticParser {
    private let chars: [UInt8]
    private var pos = 0

    init(_ chars: [UInt8]) { self.chars = chars }

    private static let syntaxError = ArithmeticError(message: "arithmetic syntax error")

    mutating func parseAll() throws(ArithmeticError) -> ArithmeticExpression {
        skipSpace()
        if pos == chars.count { return .empty }
        let value = try assignment()
        skipSpace()
        if pos != chars.count { throw Self.syntaxError }
        return value
    }

    private func at(_ index: Int) -> UInt8 { index < chars.count ? chars[index] : 0 }

    private mutating func skipSpace() {
        while pos < chars.count, chars[pos] == 0x20 || chars[pos] == 0x09 || chars[pos] == 0x0A { pos += 1 }
    }

    private func matches(_ op: [UInt8], at start: Int) -> Bool {
        guard start + op.count <= chars.count else { return false }
        for (i, b) in op.enumerated() where chars[start + i] != b { return false }
        return true
    }

    /// Takes operator `op` unless it is the start of a longer operator (`<<=` is not `<<`).
    private mutating func take(_ op: String) -> Bool {
        skipSpace()
        let bytes = Array(op.utf8)
        guard matches(bytes, at: pos) else { return false }
        let end = pos + bytes.count
        let next = at(end)
        let first = chars[pos]
        let eq = UInt8(ascii: "=")
        if op == "=" && next == eq { return false }
        if (op == "<" || op == ">") && (next == first || next == eq) { return false }
        if (op == "&" || op == "|") && (next == first || next == eq) { return false }
        if ["+", "-", "*", "/", "%", "^", "<<", ">>"].contains(op) && next == eq { return false }
        if (op == "+" || op == "-") && next == first { return false }
        if op == "*" && next == UInt8(ascii: "*") { return false }
        pos = end
        return true
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private mutating func name() -> String? {
        skipSpace()
        var end = pos
        while end < chars.count, chars[end] == UInt8(ascii: "_") || Self.isLetter(chars[end]) || (end > pos && Self.isDigit(chars[end])) { end += 1 }
        guard end > pos else { return nil }
        defer { pos = end }
        return String(decoding: chars[pos..<end], as: UTF8.self)
    }

    private static let assignmentOperators: [(String, ArithmeticExpression.BinaryOperator?)] = [
        ("=", nil), ("+=", .add), ("-=", .subtract), ("*=", .multiply), ("/=", .divide), ("%=", .remainder),
        ("<<=", .shiftLeft), (">>=", .shiftRight), ("&=", .bitAnd), ("|=", .bitOr), ("^=", .bitXor),
    ]

    private mutating func assignment() throws(ArithmeticError) -> ArithmeticExpression {
        let start = pos
        if let target = name() {
            for (text, op) in Self.assignmentOperators {
                let save = pos
                skipSpace()
                let bytes = Array(text.utf8)
                if matches(bytes, at: pos), !(op == nil && at(pos + 1) == UInt8(ascii: "=")) {
                    pos += bytes.count
                    let rhs = try assignment()
                    return .assign(target, op, rhs)
                }
                pos = save
            }
        }
        pos = start
        return try ternary()
    }

    private mutating func ternary() throws(ArithmeticError) -> ArithmeticExpression {
        let condition = try binary(0)
        if take("?") {
            let a = try assignment()
            guard take(":") else { throw Self.syntaxError }
            let b = try assignment()
            return .ternary(condition, a, b)
        }
        return condition
    }

    private static let levels: [[(String, ArithmeticExpression.BinaryOperator)]] = [
        [("||", .or)], [("&&", .and)], [("|", .bitOr)], [("^", .bitXor)], [("&", .bitAnd)],
        [("==", .equal), ("!=", .notEqual)],
        [("<=", .lessEqual), (">=", .greaterEqual), ("<", .less), (">", .greater)],
        [("<<", .shiftLeft), (">>", .shiftRight)], [("+", .add), ("-", .subtract)],
        [("*", .multiply), ("/", .divide), ("%", .remainder)],
    ]

    private mutating func binary(_ level: Int) throws(ArithmeticError) -> ArithmeticExpression {
        if level == Self.levels.count { return try power() }
        var left = try binary(level + 1)
        outer: while true {
            for (text, op) in Self.levels[level] where take(text) {
                let right = try binary(level + 1)
                left = .binary(op, left, right)
                continue outer
            }
            return left
        }
    }

    private mutating func power() throws(ArithmeticError) -> ArithmeticExpression {
        let base = try unary()
        skipSpace()
        if at(pos) == UInt8(ascii: "*") && at(pos + 1) == UInt8(ascii: "*") {
            pos += 2
            let exponent = try power()
            return .power(base, exponent)
        }
        return base
    }

    private mutating func unary() throws(ArithmeticError) -> ArithmeticExpression {
        skipSpace()
        if take("!") { return .unary(.not, try unary()) }
        if take("~") { return .unary(.complement, try unary()) }
        if take("-") { return .unary(.negate, try unary()) }
        if take("+") { return .unary(.plus, try unary()) }
        return try primary()
    }

    private mutating func primary() throws(ArithmeticError) -> ArithmeticExpression {
        skipSpace()
        guard pos < chars.count else { throw Self.syntaxError }
        if chars[pos] == UInt8(ascii: "(") {
            pos += 1
            let value = try assignment()
            guard take(")") else { throw Self.syntaxError }
            return value
        }
        if Self.isDigit(chars[pos]) {
            var end = pos
            while end < chars.count, Self.isLetter(chars[end]) || Self.isDigit(chars[end]) { end += 1 }
            let text = String(decoding: chars[pos..<end], as: UTF8.self)
            pos = end
            let value: Int?
            if text.hasPrefix("0x") || text.hasPrefix("0X") {
                value = Int(text.dropFirst(2), radix: 16)
            } else if text.hasPrefix("0") && text.count > 1 {
                value = Int(text.dropFirst(), radix: 8)
            } else {
                value = Int(text)
            }
            guard let value else { throw Self.syntaxError }
            return .number(value)
        }
        if let variableName = name() {
            skipSpace()
            let c = at(pos)
            if c == at(pos + 1), c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                pos += 2
                return .postfix(variableName, delta: c == UInt8(ascii: "+") ? 1 : -1)
            }
            return .variable(variableName)
        }
        throw Self.syntaxError
    }
}

extension Interpreter {
    /// The compiled form of `text`, parsed at most once per run while the cache has room.
    func compiledArithmetic(_ text: String) throws(ArithmeticError) -> ArithmeticExpression {
        if let cached = arithmeticCache[text] { return cached }
        let expression = try ArithmeticExpression.parse(text)
        if arithmeticCache.count >= 512 { arithmeticCache.removeAll(keepingCapacity: true) }
        arithmeticCache[text] = expression
        return expression
    }

    /// A variable's value inside `$(( ))`: empty is 0, anything else is itself an expression.
    func arithmeticValue(of name: String) throws -> Int {
        guard let text = value(name)?.text, !text.isEmpty else { return 0 }
        if let plain = ArithmeticExpression.plainDecimal(text) { return plain }
        return try compiledArithmetic(text).evaluate(self)
    }
}
