/// `test`/`[` and bash `[[ ]]` expression evaluation: 0 true, 1 false, 2 error.
struct TestProgram: ShellProgram {
    static let names = ["test", "["]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var words = invocation.args
        if invocation.name == "[" {
            guard words.last == "]" else { shell.programError("[", "missing ]"); return 2 }
            words.removeLast()
        }
        return evaluate(words, shell: shell, extended: false)
    }

    struct Failure: Error { var message: String }

    /// `[ A -lt B ]` (any integer comparison) between two plain decimal numbers, answered
    /// without the general evaluator: the condition of nearly every counting loop. nil when
    /// the words are anything else, including numbers `test` would parse differently.
    static func quickComparison(_ args: [ShellString], bracket: Bool) -> Int32? {
        guard args.count == (bracket ? 4 : 3), !bracket || args[3].text == "]" else { return nil }
        let op = args[1].text
        guard op.utf8.count == 3, op.utf8.first == UInt8(ascii: "-"),
            let lhs = ArithmeticExpression.plainDecimal(args[0].text), let rhs = ArithmeticExpression.plainDecimal(args[2].text)
        else { return nil }
        let result: Bool
        switch op {
        case "-lt": result = lhs < rhs
        case "-le": result = lhs <= rhs
        case "-gt": result = lhs > rhs
        case "-ge": result = lhs >= rhs
        case "-eq": result = lhs == rhs
        case "-ne": result = lhs != rhs
        default: return nil
        }
        return result ? 0 : 1
    }

    static func evaluate(_ words: [String], shell: Interpreter, extended: Bool) -> Int32 {
        var evaluator = Evaluator(words: words, shell: shell, extended: extended)
        do throws(Failure) {
            if words.isEmpty { return 1 }
            let result = try evaluator.orExpression()
            if evaluator.index < words.count { throw Failure(message: "\(words[evaluator.index]): unknown operand") }
            return result ? 0 : 1
        } catch {
            shell.writeError("\(shell.arg0): \(error.message)")
            return 2
        }
    }

    struct Evaluator {
        let words: [String]
        let shell: Interpreter
        let extended: Bool
        var index = 0

        var orToken: String { extended ? "||" : "-o" }
        var andToken: String { extended ? "&&" : "-a" }

        mutating func orExpression() throws(Failure) -> Bool {
            var value = try andExpression()
            while index < words.count && words[index] == orToken {
                index += 1
                let rhs = try andExpression()
                value = value || rhs
            }
            return value
        }

        mutating func andExpression() throws(Failure) -> Bool {
            var value = try notExpression()
            while index < words.count && words[index] == andToken {
                index += 1
                let rhs = try notExpression()
                value = value && rhs
            }
            return value
        }

        mutating func notExpression() throws(Failure) -> Bool {
            if index < words.count && words[index] == "!" && index + 1 < words.count {
                index += 1
                return !(try notExpression())
            }
            return try primary()
        }

        mutating func primary() throws(Failure) -> Bool {
            guard index < words.count else { throw Failure(message: "argument expected") }
            let word = words[index]
            if word == "(" && index + 1 < words.count {
                index += 1
                let value = try orExpression()
                guard index < words.count, words[index] == ")" else { throw Failure(message: "missing )") }
                index += 1
                return value
            }
            if index + 2 < words.count || (index + 2 == words.count - 0 && false) {}
            if index + 2 <= words.count - 1, Self.binaryOperators.contains(words[index + 1]) {
                let lhs = word
                let op = words[index + 1]
                let rhs = words[index + 2]
                index += 3
                return try binary(lhs, op, rhs)
            }
            if word.count == 2, word.hasPrefix("-"), index + 1 < words.count, Self.unaryOperators.contains(word) {
                let operand = words[index + 1]
                index += 2
                return unary(word, operand)
            }
            index += 1
            return !word.isEmpty
        }

        static let binaryOperators: Set<String> = ["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "<", ">", "=~"]
        static let unaryOperators: Set<String> = ["-e", "-f", "-d", "-h", "-L", "-s", "-r", "-w", "-x", "-z", "-n", "-b", "-c", "-p", "-S", "-g", "-u", "-k", "-O", "-G", "-t"]

        func number(_ text: String) throws(Failure) -> Int {
            let trimmed = text.trimmingLeadingSpaces
            guard let value = Int(trimmed) else { throw Failure(message: "\(text): bad number") }
            return value
        }

        func binary(_ lhs: String, _ op: String, _ rhs: String) throws(Failure) -> Bool {
            switch op {
            case "=", "==":
                return extended ? ShellPattern.matches(rhs, lhs) : lhs == rhs
            case "!=":
                return extended ? !ShellPattern.matches(rhs, lhs) : lhs != rhs
            case "<": return lhs < rhs
            case ">": return lhs > rhs
            case "=~":
                guard let regex = try? Regex(rhs, extended: true) else { throw Failure(message: "invalid regex") }
                return regex.firstMatch(in: Array(lhs.utf8), from: 0) != nil
            case "-eq": return try number(lhs) == number(rhs)
            case "-ne": return try number(lhs) != number(rhs)
            case "-lt": return try number(lhs) < number(rhs)
            case "-le": return try number(lhs) <= number(rhs)
            case "-gt": return try number(lhs) > number(rhs)
            case "-ge": return try number(lhs) >= number(rhs)
            case "-nt", "-ot":
                let a = (try? shell.fs.stat(shell.absolute(lhs)))?.modificationTime
                let b = (try? shell.fs.stat(shell.absolute(rhs)))?.modificationTime
                guard let a, let b else { return op == "-nt" ? a != nil : b != nil }
                return op == "-nt" ? a > b : a < b
            default:
                let a = try? shell.fs.realpath(shell.absolute(lhs))
                return a != nil && a == (try? shell.fs.realpath(shell.absolute(rhs)))
            }
        }

        func unary(_ op: String, _ operand: String) -> Bool {
            switch op {
            case "-z": return operand.isEmpty
            case "-n": return !operand.isEmpty
            case "-t": return false
            default: break
            }
            let path = shell.absolute(operand)
            if operand.isEmpty { return false }
            if op == "-h" || op == "-L" { return (try? shell.fs.lstat(path))?.kind == .symlink }
            guard let status = try? shell.fs.stat(path) else { return false }
            switch op {
            case "-e": return true
            case "-f": return status.kind == .regular
            case "-d": return status.kind == .directory
            case "-p": return status.kind == .fifo
            case "-S": return status.kind == .socket
            case "-s": return status.size > 0 && status.kind != .directory || (status.kind == .directory)
            case "-r", "-w": return shell.user.uid == 0 || status.mode & 0o666 != 0
            case "-x": return status.mode & 0o111 != 0 || (shell.user.uid == 0 && status.kind == .directory)
            case "-g": return status.mode & 0o2000 != 0
            case "-u": return status.mode & 0o4000 != 0
            case "-k": return status.mode & 0o1000 != 0
            case "-O": return status.uid == shell.user.uid
            case "-G": return status.gid == shell.user.gid
            default: return false
            }
        }
    }
}
