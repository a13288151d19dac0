/// The shell's own commands. Special builtins keep prefix assignments, as POSIX requires.
enum Builtins {
    typealias Function = @Sendable (Interpreter, [ShellString]) throws(ShellControl) -> Int32

    static let names: [String] = [":", "true", "false", "cd", "pwd", "export", "readonly", "local", "unset", "set", "exit", "return", "break", "continue", "shift", "eval", ".", "source", "exec", "read", "trap", "command", "type", "test", "[", "echo", "printf", "umask", "hash", "wait", "ulimit", "alias", "unalias", "times", "let"]

    static let special: Set<String> = [":", ".", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "trap", "unset", "break", "continue", "source", "local"]

    /// Every builtin by name, made once: the shell looks one up for every command it runs.
    static let table: [String: Function] = {
        var table: [String: Function] = [:]
        for name in names { if let function = make(name) { table[name] = function } }
        return table
    }()

    static func lookup(_ name: String) -> Function? { table[name] }

    private static func make(_ name: String) -> Function? {
        switch name {
        case ":", "true": return { _, _ in 0 }
        case "false": return { _, _ in 1 }
        case "cd": return cd
        case "pwd": return { shell, _ throws(ShellControl) in try shell.writeOut(shell.cwd + "\n"); return 0 }
        case "export", "readonly": return { shell, args throws(ShellControl) in try declare(shell, args, export: name == "export") }
        case "local": return local
        case "unset": return unset
        case "set": return set
        case "exit": return { shell, args throws(ShellControl) in
            throw .exit(args.first.flatMap { Int32(truncatingIfNeeded: Int($0.text) ?? 2) }.map { $0 & 0xFF } ?? shell.lastStatus)
        }
        case "return": return { shell, args throws(ShellControl) in
            throw .returnFromFunction(args.first.flatMap { Int32($0.text) } ?? shell.lastStatus)
        }
        case "break": return { _, args throws(ShellControl) in throw .breakLoop(args.first.flatMap { Int($0.text) } ?? 1) }
        case "continue": return { _, args throws(ShellControl) in throw .continueLoop(args.first.flatMap { Int($0.text) } ?? 1) }
        case "shift": return { shell, args throws(ShellControl) in
            let n = args.first.flatMap { Int($0.text) } ?? 1
            if n > shell.positional.count { return 1 }
            shell.positional.removeFirst(n)
            return 0
        }
        case "eval": return { shell, args throws(ShellControl) in
            try shell.evalString(args.map(\.text).joined(separator: " "))
            return shell.lastStatus
        }
        case ".", "source": return dot
        case "exec": return { shell, args throws(ShellControl) in
            guard let first = args.first else { return 0 }
            let status = try shell.runExternal(name: first.text, arguments: Array(args.dropFirst()), execForm: false)
            throw .exit(status)
        }
        case "read": return read
        case "trap": return { shell, args throws(ShellControl) in
            guard args.count >= 2 else { return 0 }
            for signal in args.dropFirst() where signal.text == "EXIT" || signal.text == "0" {
                shell.exitTrap = args[0].text == "-" ? nil : args[0].text
            }
            return 0
        }
        case "command": return command
        case "type": return type
        case "test", "[": return { shell, args throws(ShellControl) in
            if let answer = TestProgram.quickComparison(args, bracket: name == "[") { return answer }
            var words = args.map(\.text)
            if name == "[" {
                guard words.last == "]" else {
                    shell.writeError("\(shell.arg0): missing ]")
                    return 2
                }
                words.removeLast()
            }
            return TestProgram.evaluate(words, shell: shell, extended: false)
        }
        case "echo": return { shell, args throws(ShellControl) in try EchoProgram.run(shell, ProgramInvocation(name: "echo", arguments: args)) }
        case "printf": return { shell, args throws(ShellControl) in try PrintfProgram.run(shell, ProgramInvocation(name: "printf", arguments: args)) }
        case "umask": return { shell, args throws(ShellControl) in
            guard let text = args.first?.text else {
                try shell.writeOut(zeroPadded(Int(shell.umask), width: 4, radix: 8) + "\n")
                return 0
            }
            guard let value = UInt32(text, radix: 8) else {
                shell.writeError("\(shell.arg0): umask: line \(shell.lineNumber): Illegal number: \(text)")
                return 1
            }
            shell.umask = value & 0o777
            return 0
        }
        case "hash", "wait", "ulimit", "alias", "unalias", "times": return { _, _ in 0 }
        case "let": return { shell, args throws(ShellControl) in
            var last = 0
            for arg in args { last = try shell.arithmetic(arg.text) }
            return last == 0 ? 1 : 0
        }
        default: return nil
        }
    }

    static func cd(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        var target = args.first(where: { $0.text != "-P" && $0.text != "-L" })?.text ?? (shell.value("HOME")?.text ?? "/")
        if target == "-" { target = shell.value("OLDPWD")?.text ?? shell.cwd }
        let path = shell.absolute(target)
        do throws(FileSystemError) {
            let status = try shell.fs.stat(path)
            guard status.kind == .directory else { throw FileSystemError.notADirectory(path) }
        } catch {
            shell.writeError("\(shell.arg0): cd: line \(shell.lineNumber): can't cd to \(target): \(error.message)")
            return 2
        }
        try shell.setVariable("OLDPWD", ShellString(shell.cwd), export: true)
        shell.cwd = path
        try shell.setVariable("PWD", ShellString(path), export: true)
        return 0
    }

    static func declare(_ shell: Interpreter, _ args: [ShellString], export: Bool) throws(ShellControl) -> Int32 {
        let names = args.filter { !$0.text.hasPrefix("-") }
        if names.isEmpty {
            for (name, variable) in shell.variables.sorted(by: { $0.key < $1.key }) where export ? variable.exported : variable.readonly {
                try shell.writeOut("\(export ? "export" : "readonly") \(name)='\(variable.value.text)'\n")
            }
            return 0
        }
        for arg in names {
            if let eq = arg.text.firstIndex(of: "=") {
                let name = String(arg.text[..<eq])
                let value = ShellString(String(arg.text[arg.text.index(after: eq)...]), provenance: arg.provenance)
                try shell.setVariable(name, value, export: export)
                if !export { shell.variables[name]?.readonly = true }
            } else if var variable = shell.variables[arg.text] {
                if export { variable.exported = true } else { variable.readonly = true }
                shell.variables[arg.text] = variable
            } else {
                if !export { shell.variables[arg.text] = Variable(value: ShellString(""), readonly: true) }
            }
        }
        return 0
    }

    static func local(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        guard !shell.localFrames.isEmpty else {
            shell.writeError("\(shell.arg0): local: line \(shell.lineNumber): not in a function")
            return 2
        }
        for arg in args {
            let name = arg.text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? arg.text
            let frameIndex = shell.localFrames.count - 1
            if shell.localFrames[frameIndex][name] == nil {
                shell.localFrames[frameIndex][name] = .some(shell.variables[name])
            }
            if let eq = arg.text.firstIndex(of: "=") {
                try shell.setVariable(name, ShellString(String(arg.text[arg.text.index(after: eq)...]), provenance: arg.provenance))
            } else if shell.variables[name] == nil {
                shell.variables[name] = Variable(value: ShellString(""))
            }
        }
        return 0
    }

    static func unset(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        var functions = false
        for arg in args {
            if arg.text == "-f" { functions = true; continue }
            if arg.text == "-v" { continue }
            if functions {
                shell.functions[arg.text] = nil
            } else {
                if shell.variables[arg.text]?.readonly == true {
                    shell.writeError("\(shell.arg0): unset: line \(shell.lineNumber): \(arg.text): is read only")
                    throw .exit(2)
                }
                shell.variables[arg.text] = nil
            }
        }
        return 0
    }

    static func set(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        if args.isEmpty {
            for (name, variable) in shell.variables.sorted(by: { $0.key < $1.key }) {
                try shell.writeOut("\(name)='\(variable.value.text)'\n")
            }
            return 0
        }
        var index = 0
        while index < args.count {
            let text = args[index].text
            if text == "--" { index += 1; shell.positional = Array(args[index...]); return 0 }
            guard let sign = text.first, sign == "-" || sign == "+", text.count > 1 else {
                shell.positional = Array(args[index...])
                return 0
            }
            let on = sign == "-"
            if text.dropFirst() == "o" {
                index += 1
                if index < args.count {
                    switch args[index].text {
                    case "pipefail": shell.pipefail = on
                    case "errexit": shell.errexit = on
                    case "nounset": shell.nounset = on
                    case "xtrace": shell.xtrace = on
                    case "noglob": shell.noglob = on
                    default: break
                    }
                }
                index += 1
                continue
            }
            for flag in text.dropFirst() {
                switch flag {
                case "e": shell.errexit = on
                case "u": shell.nounset = on
                case "x": shell.xtrace = on
                case "f": shell.noglob = on
                default: break
                }
            }
            index += 1
        }
        return 0
    }

    static func dot(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        guard let file = args.first?.text else { return 0 }
        if file == "/dev/null" { return 0 }
        let path = file.contains("/") ? shell.absolute(file) : (shell.lookupSourceFile(file) ?? shell.absolute(file))
        guard let script = try? shell.fs.readFile(path) else {
            shell.writeError("\(shell.arg0): .: line \(shell.lineNumber): can't open '\(file)': No such file or directory")
            throw .exit(2)
        }
        let saved = shell.positional
        if args.count > 1 { shell.positional = Array(args.dropFirst()) }
        defer { if args.count > 1 { shell.positional = saved } }
        do { try shell.evalString(script.text) } catch {
            if case .returnFromFunction(let code) = error { return code }
            throw error
        }
        return shell.lastStatus
    }

    static func read(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        var raw = false
        var names: [String] = []
        var prompt: String?
        var index = 0
        while index < args.count {
            let text = args[index].text
            if text == "-r" { raw = true } else if text == "-p", index + 1 < args.count { index += 1; prompt = args[index].text } else if !text.hasPrefix("-") { names.append(text) }
            index += 1
        }
        _ = prompt
        if names.isEmpty { names = ["REPLY"] }
        guard case .input(let source)? = shell.fds[0] else { return 1 }
        let bytes = source.data.bytes
        var line: [UInt8] = []
        var sawNewline = false
        while source.offset < bytes.count {
            let b = bytes[source.offset]
            source.offset += 1
            if b == 0x0A {
                if !raw, line.last == 0x5C { line.removeLast(); continue }
                sawNewline = true
                break
            }
            line.append(b)
        }
        if !sawNewline && line.isEmpty { 
            for name in names { try shell.setVariable(name, ShellString("")) }
            return 1 
        }
        var text = String(decoding: line, as: UTF8.self)
        if !raw {
            var unescaped = ""
            var escape = false
            for c in text {
                if escape { unescaped.append(c); escape = false } else if c == "\\" { escape = true } else { unescaped.append(c) }
            }
            text = unescaped
        }
        let ifs = shell.ifs
        let provenance = source.data.provenance
        var rest = Substring(text)
        for (i, name) in names.enumerated() {
            rest = rest.drop(while: { ifs.contains($0) && ($0 == " " || $0 == "\t" || $0 == "\n") })
            if i == names.count - 1 {
                var value = String(rest)
                while let last = value.last, ifs.contains(last), last == " " || last == "\t" || last == "\n" { value.removeLast() }
                try shell.setVariable(name, ShellString(value, provenance: provenance))
            } else {
                let end = rest.firstIndex(where: { ifs.contains($0) }) ?? rest.endIndex
                try shell.setVariable(name, ShellString(String(rest[..<end]), provenance: provenance))
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            }
        }
        return sawNewline ? 0 : 1
    }

    static func command(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        var rest = args
        var verbose = false
        while let first = rest.first, first.text.hasPrefix("-") {
            if first.text == "-v" || first.text == "-V" { verbose = true }
            rest.removeFirst()
        }
        guard let name = rest.first else { return 0 }
        if verbose {
            if shell.functions[name.text] != nil || lookup(name.text) != nil {
                try shell.writeOut(name.text + "\n")
                return 0
            }
            if let path = shell.lookupCommand(name.text) {
                try shell.writeOut(path + "\n")
                return 0
            }
            return 127
        }
        if let builtin = lookup(name.text) { return try builtin(shell, Array(rest.dropFirst())) }
        return try shell.runExternal(name: name.text, arguments: Array(rest.dropFirst()), execForm: false)
    }

    static func type(_ shell: Interpreter, _ args: [ShellString]) throws(ShellControl) -> Int32 {
        var status: Int32 = 0
        for arg in args {
            let name = arg.text
            if shell.functions[name] != nil {
                try shell.writeOut("\(name) is a function\n")
            } else if special.contains(name) {
                try shell.writeOut("\(name) is a special shell builtin\n")
            } else if lookup(name) != nil {
                try shell.writeOut("\(name) is a shell builtin\n")
            } else if let path = shell.lookupCommand(name) {
                try shell.writeOut("\(name) is \(path)\n")
            } else {
                try shell.writeOut("\(name): not found\n")
                status = 127
            }
        }
        return status
    }
}

extension Interpreter {
    func lookupSourceFile(_ name: String) -> String? {
        for dir in (value("PATH")?.text ?? "").split(separator: ":") {
            let candidate = ShellPath.join(absolute(String(dir)), name)
            if (try? fs.stat(candidate))?.kind == .regular { return candidate }
        }
        return nil
    }
}
