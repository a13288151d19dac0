/// `find [PATH...] [EXPRESSION]` with -name -iname -path -type -maxdepth -mindepth -print
/// -print0 -delete -exec -empty -newer, `!`, `-a`, `-o` and parentheses. Entries are visited in
/// sorted order so output is deterministic.
struct FindProgram: ShellProgram {
    static let names = ["find"]

    indirect enum Expression {
        case name(String, ignoreCase: Bool)
        case path(String)
        case type(Character)
        case print(Bool)
        case delete
        case exec([String], batch: Bool)
        case empty
        case newer(Int)
        case perm(UInt32)
        case constant(Bool)
        case not(Expression)
        case and(Expression, Expression)
        case or(Expression, Expression)
    }

    struct Failure: Error { var message: String }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.args
        var roots: [String] = []
        while let first = args.first, !first.hasPrefix("-"), first != "!", first != "(" {
            roots.append(args.removeFirst())
        }
        if roots.isEmpty { roots = ["."] }
        var maxDepth = Int.max
        var minDepth = 0
        var tokens: [String] = []
        var index = 0
        while index < args.count {
            if args[index] == "-maxdepth" || args[index] == "-mindepth", index + 1 < args.count, let n = Int(args[index + 1]) {
                if args[index] == "-maxdepth" { maxDepth = n } else { minDepth = n }
                index += 2
                continue
            }
            if args[index] == "-depth" || args[index] == "-xdev" || args[index] == "-follow" { index += 1; continue }
            tokens.append(args[index])
            index += 1
        }
        var parser = ExpressionParser(tokens: tokens, shell: shell)
        var expression: Expression
        do throws(Failure) {
            expression = tokens.isEmpty ? .constant(true) : try parser.parseOr()
            if parser.index < tokens.count { throw Failure(message: "unrecognized: \(tokens[parser.index])") }
        } catch {
            shell.programError("find", error.message)
            return 1
        }
        if !parser.hasAction { expression = .and(expression, .print(false)) }
        let depthFirst = parser.hasDelete
        var context = Context(shell: shell, maxDepth: maxDepth, minDepth: minDepth, depthFirst: depthFirst)
        for root in roots {
            let path = shell.absolute(root)
            guard (try? shell.fs.lstat(path)) != nil else {
                shell.programError("find", "\(root): No such file or directory")
                context.status = 1
                continue
            }
            try context.visit(path, display: root, depth: 0, expression)
        }
        try context.flushBatches()
        try shell.writeOut(context.output, provenance: .clean)
        return context.status
    }

    struct Context {
        let shell: Interpreter
        let maxDepth: Int
        let minDepth: Int
        let depthFirst: Bool
        var status: Int32 = 0
        var output: [UInt8] = []
        var batches: [(command: [String], paths: [String])] = []

        mutating func visit(_ path: String, display: String, depth: Int, _ expression: Expression) throws(ShellControl) {
            guard let info = try? shell.fs.lstat(path) else { return }
            if !depthFirst && depth >= minDepth { _ = try evaluate(expression, path, display, info) }
            if info.kind == .directory && depth < maxDepth {
                for name in (try? shell.fs.listDirectory(path)) ?? [] {
                    try visit(ShellPath.join(path, name), display: display.hasSuffix("/") ? display + name : display + "/" + name, depth: depth + 1, expression)
                }
            }
            if depthFirst && depth >= minDepth { _ = try evaluate(expression, path, display, info) }
        }

        mutating func evaluate(_ expression: Expression, _ path: String, _ display: String, _ info: FileStatus) throws(ShellControl) -> Bool {
            switch expression {
            case .name(let pattern, let ignoreCase):
                var base = ShellPath.base(display)
                if display == "/" { base = "/" }
                return ignoreCase ? ShellPattern.matches(pattern.lowercased(), base.lowercased()) : ShellPattern.matches(pattern, base)
            case .path(let pattern):
                return ShellPattern.matches(pattern, display)
            case .type(let kind):
                switch kind {
                case "f": return info.kind == .regular
                case "d": return info.kind == .directory
                case "l": return info.kind == .symlink
                case "p": return info.kind == .fifo
                case "s": return info.kind == .socket
                default: return false
                }
            case .print(let nul):
                output += Array(display.utf8) + [nul ? 0 : 0x0A]
                return true
            case .delete:
                do { try shell.fs.remove(path); shell.forget(path) } catch {
                    shell.programError("find", "\(display): \(error.message)")
                    status = 1
                    return false
                }
                return true
            case .exec(let command, let batch):
                if batch {
                    if let index = batches.firstIndex(where: { $0.command == command }) { batches[index].paths.append(display) } else { batches.append((command, [display])) }
                    return true
                }
                let argv = command.map { $0.replacingBraces(with: display) }
                return try runCommand(argv) == 0
            case .empty:
                if info.kind == .directory { return ((try? shell.fs.listDirectory(path)) ?? []).isEmpty }
                return info.kind == .regular && info.size == 0
            case .newer(let time):
                return info.modificationTime > time
            case .perm(let mode):
                return info.mode & 0o7777 == mode
            case .constant(let value):
                return value
            case .not(let inner):
                return !(try evaluate(inner, path, display, info))
            case .and(let a, let b):
                if try !evaluate(a, path, display, info) { return false }
                return try evaluate(b, path, display, info)
            case .or(let a, let b):
                if try evaluate(a, path, display, info) { return true }
                return try evaluate(b, path, display, info)
            }
        }

        mutating func runCommand(_ argv: [String]) throws(ShellControl) -> Int32 {
            guard let name = argv.first else { return 0 }
            try shell.writeOut(output, provenance: .clean)
            output = []
            return try shell.runExternal(name: name, arguments: argv.dropFirst().map { ShellString($0) }, execForm: false)
        }

        mutating func flushBatches() throws(ShellControl) {
            for batch in batches {
                var argv: [String] = []
                for part in batch.command {
                    if part == "{}" { argv += batch.paths } else { argv.append(part) }
                }
                if try runCommand(argv) != 0 { status = 1 }
            }
            batches = []
        }
    }

    struct ExpressionParser {
        let tokens: [String]
        let shell: Interpreter
        var index = 0
        var hasAction = false
        var hasDelete = false

        mutating func parseOr() throws(Failure) -> Expression {
            var left = try parseAnd()
            while index < tokens.count && (tokens[index] == "-o" || tokens[index] == "-or") {
                index += 1
                left = .or(left, try parseAnd())
            }
            return left
        }

        mutating func parseAnd() throws(Failure) -> Expression {
            var left = try parseNot()
            while index < tokens.count && tokens[index] != "-o" && tokens[index] != "-or" && tokens[index] != ")" {
                if tokens[index] == "-a" || tokens[index] == "-and" { index += 1 }
                left = .and(left, try parseNot())
            }
            return left
        }

        mutating func parseNot() throws(Failure) -> Expression {
            if index < tokens.count && (tokens[index] == "!" || tokens[index] == "-not") {
                index += 1
                return .not(try parseNot())
            }
            return try parsePrimary()
        }

        mutating func value(_ option: String) throws(Failure) -> String {
            guard index < tokens.count else { throw Failure(message: "\(option): requires an argument") }
            defer { index += 1 }
            return tokens[index]
        }

        mutating func parsePrimary() throws(Failure) -> Expression {
            guard index < tokens.count else { throw Failure(message: "expression expected") }
            let token = tokens[index]
            index += 1
            switch token {
            case "(":
                let inner = try parseOr()
                guard index < tokens.count, tokens[index] == ")" else { throw Failure(message: "missing )") }
                index += 1
                return inner
            case "-name": return .name(try value(token), ignoreCase: false)
            case "-iname": return .name(try value(token), ignoreCase: true)
            case "-path", "-wholename": return .path(try value(token))
            case "-type":
                let kind = try value(token)
                return .type(kind.first ?? "f")
            case "-print": hasAction = true; return .print(false)
            case "-print0": hasAction = true; return .print(true)
            case "-delete": hasAction = true; hasDelete = true; return .delete
            case "-empty": return .empty
            case "-true": return .constant(true)
            case "-false": return .constant(false)
            case "-perm":
                let text = try value(token)
                return .perm(UInt32(text.filter(\.isNumber), radix: 8) ?? 0)
            case "-newer":
                let reference = try value(token)
                return .newer((try? shell.fs.stat(shell.absolute(reference)))?.modificationTime ?? Int.max)
            case "-exec", "-ok":
                hasAction = true
                var command: [String] = []
                while index < tokens.count && tokens[index] != ";" && tokens[index] != "+" {
                    command.append(tokens[index])
                    index += 1
                }
                guard index < tokens.count else { throw Failure(message: "-exec requires an argument") }
                let batch = tokens[index] == "+"
                index += 1
                return .exec(command, batch: batch)
            default:
                throw Failure(message: "unrecognized: \(token)")
            }
        }
    }
}

extension String {
    func replacingBraces(with value: String) -> String {
        guard contains("{}") else { return self }
        var out = ""
        var chars = Array(self)[...]
        while let c = chars.popFirst() {
            if c == "{" && chars.first == "}" { chars.removeFirst(); out += value } else { out.append(c) }
        }
        return out
    }
}
