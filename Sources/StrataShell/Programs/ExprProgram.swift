/// `expr EXPRESSION`: busybox's recursive-descent evaluator over its arguments.
///
/// Exit status 0 when the result is neither empty nor zero, 1 when it is, 2 on a syntax or
/// arithmetic error. The result carries the union provenance of the arguments.
struct ExprProgram: ShellProgram {
    static let names = ["expr"]

    /// An operand value: busybox keeps integers and strings apart.
    enum Value {
        case integer(Int)
        case string(String)

        var text: String {
            switch self {
            case .integer(let n): return String(n)
            case .string(let s): return s
            }
        }

        var integer: Int? {
            switch self {
            case .integer(let n): return n
            case .string(let s): return Int(s)
            }
        }

        /// Null is the empty string or zero.
        var isNull: Bool {
            switch self {
            case .integer(let n): return n == 0
            case .string(let s): return s.isEmpty || s == "0"
            }
        }
    }

    /// An evaluation failure and its message.
    struct Failure: Error {
        var message: String
    }

    /// The parser state: the remaining tokens.
    struct Evaluator {
        var tokens: [String]
        var index = 0

        var peek: String? { index < tokens.count ? tokens[index] : nil }

        mutating func take() throws(Failure) -> String {
            guard let token = peek else { throw Failure(message: "syntax error") }
            index += 1
            return token
        }

        mutating func orExpression() throws(Failure) -> Value {
            var left = try andExpression()
            while peek == "|" {
                index += 1
                let right = try andExpression()
                if left.isNull { left = right.isNull ? .integer(0) : right }
            }
            return left
        }

        mutating func andExpression() throws(Failure) -> Value {
            var left = try comparison()
            while peek == "&" {
                index += 1
                let right = try comparison()
                if left.isNull || right.isNull { left = .integer(0) }
            }
            return left
        }

        mutating func comparison() throws(Failure) -> Value {
            var left = try additive()
            while let op = peek, ["=", "==", "!=", "<", "<=", ">", ">="].contains(op) {
                index += 1
                let right = try additive()
                let order: Int
                if let l = left.integer, let r = right.integer {
                    order = l < r ? -1 : l > r ? 1 : 0
                } else {
                    order = left.text < right.text ? -1 : left.text > right.text ? 1 : 0
                }
                let truth: Bool
                switch op {
                case "=", "==": truth = order == 0
                case "!=": truth = order != 0
                case "<": truth = order < 0
                case "<=": truth = order <= 0
                case ">": truth = order > 0
                default: truth = order >= 0
                }
                left = .integer(truth ? 1 : 0)
            }
            return left
        }

        mutating func additive() throws(Failure) -> Value {
            var left = try multiplicative()
            while let op = peek, op == "+" || op == "-" {
                index += 1
                let right = try multiplicative()
                guard let l = left.integer, let r = right.integer else { throw Failure(message: "non-numeric argument") }
                left = .integer(op == "+" ? l &+ r : l &- r)
            }
            return left
        }

        mutating func multiplicative() throws(Failure) -> Value {
            var left = try matching()
            while let op = peek, op == "*" || op == "/" || op == "%" {
                index += 1
                let right = try matching()
                guard let l = left.integer, let r = right.integer else { throw Failure(message: "non-numeric argument") }
                if op != "*" && r == 0 { throw Failure(message: "division by zero") }
                left = .integer(op == "*" ? l &* r : op == "/" ? l / r : l % r)
            }
            return left
        }

        mutating func matching() throws(Failure) -> Value {
            var left = try primary()
            while peek == ":" {
                index += 1
                let pattern = try primary()
                left = try Self.match(left.text, pattern.text)
            }
            return left
        }

        /// `STRING : REGEX`, anchored at the start: the first group, or the match length.
        static func match(_ text: String, _ pattern: String) throws(Failure) -> Value {
            let regex: Regex
            do { regex = try Regex("^" + pattern, extended: false) } catch {
                throw Failure(message: "\(error)")
            }
            let bytes = Array(text.utf8)
            let groups = regex.firstMatch(in: bytes, from: 0)
            let hasGroup = pattern.contains("\\(")
            guard let groups, let whole = groups.first ?? nil else { return hasGroup ? .string("") : .integer(0) }
            if hasGroup {
                guard groups.count > 1, let group = groups[1] else { return .string("") }
                return .string(String(decoding: bytes[group], as: UTF8.self))
            }
            return .integer(whole.count)
        }

        mutating func primary() throws(Failure) -> Value {
            let token = try take()
            // A keyword followed by nothing is just a string.
            if peek != nil {
                switch token {
                case "length":
                    return .integer(try primary().text.count)
                case "substr":
                    let string = Array(try primary().text)
                    guard let position = try primary().integer, let length = try primary().integer else { return .string("") }
                    guard position >= 1, position <= string.count, length > 0 else { return .string("") }
                    return .string(String(string[(position - 1)..<min(string.count, position - 1 + length)]))
                case "index":
                    let string = try primary().text
                    let chars = try primary().text
                    let position = string.firstIndex { chars.contains($0) }.map { string.distance(from: string.startIndex, to: $0) + 1 } ?? 0
                    return .integer(position)
                case "match":
                    let string = try primary().text
                    return try Self.match(string, try primary().text)
                case "+":
                    return .string(try take())
                default: break
                }
            }
            if token == "(" {
                let value = try orExpression()
                guard try take() == ")" else { throw Failure(message: "syntax error") }
                return value
            }
            if let n = Int(token) { return .integer(n) }
            return .string(token)
        }
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var evaluator = Evaluator(tokens: invocation.args)
        guard !invocation.args.isEmpty else {
            shell.programError("expr", "too few arguments")
            return 2
        }
        let value: Value
        do throws(Failure) {
            value = try evaluator.orExpression()
            guard evaluator.peek == nil else { throw Failure(message: "syntax error") }
        } catch {
            shell.programError("expr", error.message)
            return 2
        }
        try shell.writeOut(value.text + "\n", provenance: invocation.argumentProvenance)
        return value.isNull ? 1 : 0
    }
}
