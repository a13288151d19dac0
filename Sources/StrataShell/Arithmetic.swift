struct ArithmeticError: Error {
    var message: String
}

/// `$(( ))` evaluation with C precedence over 64-bit integers; variables are read and
/// assigned through the shell.
struct Arithmetic {
    private let chars: [Character]
    private var pos = 0
    private let shell: Interpreter

    init(_ text: String, shell: Interpreter) {
        chars = Array(text)
        self.shell = shell
    }

    mutating func evaluate() throws -> Int {
        skipSpace()
        if pos == chars.count { return 0 }
        let value = try assignment()
        skipSpace()
        if pos != chars.count { throw ArithmeticError(message: "arithmetic syntax error") }
        return value
    }

    private mutating func skipSpace() {
        while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" || chars[pos] == "\n" { pos += 1 }
    }

    private mutating func take(_ op: String) -> Bool {
        skipSpace()
        let end = pos + op.count
        guard end <= chars.count, String(chars[pos..<end]) == op else { return false }
        // Do not split `<<=` as `<<` or `==` as `=`.
        if op == "=" && end < chars.count && chars[end] == "=" { return false }
        if (op == "<" || op == ">") && end < chars.count && (chars[end] == chars[pos] || chars[end] == "=") { return false }
        if (op == "&" || op == "|") && end < chars.count && (chars[end] == chars[pos] || chars[end] == "=") { return false }
        if ["+", "-", "*", "/", "%", "^", "<<", ">>", "!"].contains(op) && end < chars.count && chars[end] == "=" && op != "!" { return false }
        if (op == "+" || op == "-") && end < chars.count && chars[end] == chars[pos] { return false }
        if op == "*" && end < chars.count && chars[end] == "*" { return false }
        pos = end
        return true
    }

    private mutating func name() -> String? {
        skipSpace()
        var end = pos
        while end < chars.count, chars[end] == "_" || (chars[end].isASCII && (chars[end].isLetter || (end > pos && chars[end].isNumber))) { end += 1 }
        guard end > pos else { return nil }
        defer { pos = end }
        return String(chars[pos..<end])
    }

    private func variable(_ name: String) throws -> Int {
        let text = shell.value(name)?.text ?? ""
        if text.isEmpty { return 0 }
        var nested = Arithmetic(text, shell: shell)
        return try nested.evaluate()
    }

    private mutating func assignment() throws -> Int {
        let start = pos
        if let target = name() {
            for op in ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="] {
                let save = pos
                skipSpace()
                let end = pos + op.count
                if end <= chars.count, String(chars[pos..<end]) == op, !(op == "=" && end < chars.count && chars[end] == "=") {
                    pos = end
                    let rhs = try assignment()
                    let old = op == "=" ? 0 : try variable(target)
                    let value: Int
                    switch op {
                    case "=": value = rhs
                    case "+=": value = old &+ rhs
                    case "-=": value = old &- rhs
                    case "*=": value = old &* rhs
                    case "/=": guard rhs != 0 else { throw ArithmeticError(message: "divide by zero") }; value = old / rhs
                    case "%=": guard rhs != 0 else { throw ArithmeticError(message: "divide by zero") }; value = old % rhs
                    case "<<=": value = old << rhs
                    case ">>=": value = old >> rhs
                    case "&=": value = old & rhs
                    case "|=": value = old | rhs
                    default: value = old ^ rhs
                    }
                    try shell.setVariable(target, ShellString(String(value)))
                    return value
                }
                pos = save
            }
        }
        pos = start
        return try ternary()
    }

    private mutating func ternary() throws -> Int {
        let condition = try binary(0)
        if take("?") {
            let a = try assignment()
            guard take(":") else { throw ArithmeticError(message: "arithmetic syntax error") }
            let b = try assignment()
            return condition != 0 ? a : b
        }
        return condition
    }

    private static let levels: [[String]] = [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
    ]

    private mutating func binary(_ level: Int) throws -> Int {
        if level == Self.levels.count { return try power() }
        var left = try binary(level + 1)
        outer: while true {
            for op in Self.levels[level] where take(op) {
                let right = try binary(level + 1)
                switch op {
                case "||": left = (left != 0 || right != 0) ? 1 : 0
                case "&&": left = (left != 0 && right != 0) ? 1 : 0
                case "|": left |= right
                case "^": left ^= right
                case "&": left &= right
                case "==": left = left == right ? 1 : 0
                case "!=": left = left != right ? 1 : 0
                case "<=": left = left <= right ? 1 : 0
                case ">=": left = left >= right ? 1 : 0
                case "<": left = left < right ? 1 : 0
                case ">": left = left > right ? 1 : 0
                case "<<": left = left << right
                case ">>": left = left >> right
                case "+": left = left &+ right
                case "-": left = left &- right
                case "*": left = left &* right
                case "/":
                    guard right != 0 else { throw ArithmeticError(message: "divide by zero") }
                    left = left / right
                default:
                    guard right != 0 else { throw ArithmeticError(message: "divide by zero") }
                    left = left % right
                }
                continue outer
            }
            return left
        }
    }

    private mutating func power() throws -> Int {
        let base = try unary()
        skipSpace()
        if pos + 1 < chars.count && chars[pos] == "*" && chars[pos + 1] == "*" {
            pos += 2
            let exponent = try power()
            var result = 1
            if exponent > 0 { for _ in 0..<exponent { result = result &* base } }
            return result
        }
        return base
    }

    private mutating func unary() throws -> Int {
        skipSpace()
        if take("!") { return try unary() == 0 ? 1 : 0 }
        if take("~") { return ~(try unary()) }
        if take("-") { return -(try unary()) }
        if take("+") { return try unary() }
        return try primary()
    }

    private mutating func primary() throws -> Int {
        skipSpace()
        guard pos < chars.count else { throw ArithmeticError(message: "arithmetic syntax error") }
        if chars[pos] == "(" {
            pos += 1
            let value = try assignment()
            guard take(")") else { throw ArithmeticError(message: "arithmetic syntax error") }
            return value
        }
        if chars[pos].isASCII && chars[pos].isNumber {
            var end = pos
            while end < chars.count, chars[end].isASCII, chars[end].isLetter || chars[end].isNumber { end += 1 }
            let text = String(chars[pos..<end])
            pos = end
            let value: Int?
            if text.hasPrefix("0x") || text.hasPrefix("0X") {
                value = Int(text.dropFirst(2), radix: 16)
            } else if text.hasPrefix("0") && text.count > 1 {
                value = Int(text.dropFirst(), radix: 8)
            } else {
                value = Int(text)
            }
            guard let value else { throw ArithmeticError(message: "arithmetic syntax error") }
            return value
        }
        if let variableName = name() {
            skipSpace()
            if pos + 1 < chars.count, chars[pos] == chars[pos + 1], chars[pos] == "+" || chars[pos] == "-" {
                let delta = chars[pos] == "+" ? 1 : -1
                pos += 2
                let old = try variable(variableName)
                try shell.setVariable(variableName, ShellString(String(old + delta)))
                return old
            }
            return try variable(variableName)
        }
        throw ArithmeticError(message: "arithmetic syntax error")
    }
}
