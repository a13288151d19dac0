extension Interpreter {
    /// State a subshell must not leak back to its parent.
    struct SavedState {
        var variables: [String: Variable]
        var functions: [String: ShellCommand]
        var positional: [ShellString]
        var cwd: String
        var options: (Bool, Bool, Bool, Bool)
        var fds: [Int: FileDescriptor]
        var exitTrap: String?
        var localFrames: [[String: Variable?]]
        /// `$0`: a script run as a program sets its own, which must not outlive it.
        var arg0: String
    }

    func saveState() -> SavedState {
        SavedState(
            variables: variables, functions: functions, positional: positional, cwd: cwd,
            options: (errexit, nounset, xtrace, pipefail), fds: fds, exitTrap: exitTrap, localFrames: localFrames, arg0: arg0)
    }

    func restoreState(_ state: SavedState) {
        variables = state.variables
        functions = state.functions
        positional = state.positional
        cwd = state.cwd
        (errexit, nounset, xtrace, pipefail) = state.options
        fds = state.fds
        exitTrap = state.exitTrap
        localFrames = state.localFrames
        arg0 = state.arg0
    }

    /// Runs `body` as a subshell: variable changes stay inside, `exit` ends only the subshell.
    func subshell(_ body: () throws(ShellControl) -> Void) throws(ShellControl) -> Int32 {
        let saved = saveState()
        defer { restoreState(saved) }
        try enter()
        defer { depth -= 1 }
        do {
            try body()
            if let trap = exitTrap { exitTrap = nil; try evalString(trap) }
            return lastStatus
        } catch {
            switch error {
            case .exit(let code): return code
            case .returnFromFunction(let code): return code
            case .breakLoop, .continueLoop: return lastStatus
            case .brokenPipe: return 141
            case .limit: throw error
            }
        }
    }

    func execute(_ command: ShellCommand) throws(ShellControl) {
        switch command {
        case .simple(let simple):
            try executeSimple(simple)
        case .sequence(let items):
            for item in items { try execute(item) }
        case .and(let left, let right):
            errexitSuppressed += 1
            do { try execute(left) } catch { errexitSuppressed -= 1; throw error }
            errexitSuppressed -= 1
            if lastStatus == 0 { try execute(right) }
        case .or(let left, let right):
            errexitSuppressed += 1
            do { try execute(left) } catch { errexitSuppressed -= 1; throw error }
            errexitSuppressed -= 1
            if lastStatus != 0 { try execute(right) }
        case .pipeline(let commands, let negated):
            if negated { errexitSuppressed += 1 }
            do { try executePipeline(commands) } catch { if negated { errexitSuppressed -= 1 }; throw error }
            if negated {
                errexitSuppressed -= 1
                lastStatus = lastStatus == 0 ? 1 : 0
            }
        case .background(let inner):
            // No job control: run to completion, as its effects must land in the snapshot.
            _ = try subshell { () throws(ShellControl) in try execute(inner) }
            lastStatus = 0
        case .subshell(let body):
            lastStatus = try subshell { () throws(ShellControl) in try execute(body) }
            try checkErrexit()
        case .group(let body):
            try execute(body)
        case .ifClause(let branches, let elseBody):
            for branch in branches {
                try condition(branch.condition)
                if lastStatus == 0 { try execute(branch.body); return }
            }
            if let elseBody { try execute(elseBody) } else { lastStatus = 0 }
        case .whileLoop(let cond, let body, let isUntil):
            var iterations = 0
            var status: Int32 = 0
            loop: while true {
                try condition(cond)
                if (lastStatus == 0) == isUntil { break }
                iterations += 1
                if iterations > limits.maxLoopIterations {
                    throw .limit(ShellLimitViolation(kind: .loopIterations, message: "RUN exceeded the limit of \(limits.maxLoopIterations) loop iterations"))
                }
                try countCommand()
                do { try execute(body) } catch {
                    switch error {
                    case .breakLoop(let n): if n > 1 { throw .breakLoop(n - 1) }; status = lastStatus; break loop
                    case .continueLoop(let n): if n > 1 { throw .continueLoop(n - 1) }
                    default: throw error
                    }
                }
                status = lastStatus
            }
            lastStatus = iterations == 0 ? 0 : status
        case .forLoop(let name, let words, let body):
            let items: [ShellString]
            if let words { items = try expandFields(words) } else { items = positional }
            var iterations = 0
            lastStatus = 0
            loop: for item in items {
                iterations += 1
                if iterations > limits.maxLoopIterations {
                    throw .limit(ShellLimitViolation(kind: .loopIterations, message: "RUN exceeded the limit of \(limits.maxLoopIterations) loop iterations"))
                }
                try setVariable(name, item)
                do { try execute(body) } catch {
                    switch error {
                    case .breakLoop(let n): if n > 1 { throw .breakLoop(n - 1) }; break loop
                    case .continueLoop(let n): if n > 1 { throw .continueLoop(n - 1) }
                    default: throw error
                    }
                }
            }
        case .caseClause(let subject, let items):
            let value = try expandSingle(subject)
            lastStatus = 0
            for item in items {
                for pattern in item.patterns {
                    let compiled = try expandPattern(pattern)
                    if ShellPattern.matches(compiled, value.text) {
                        if let body = item.body { try execute(body) }
                        return
                    }
                }
            }
        case .function(let name, let body):
            functions[name] = body
            lastStatus = 0
        case .conditional(let words):
            try countCommand()
            var values: [ShellString] = []
            for (index, word) in words.enumerated() {
                let previous = index > 0 ? words[index - 1].plainLiteral : nil
                if dialect == .sh {
                    // ash's `[[` is `test` with `&&`/`||`: operands are split and globbed.
                    values += try expandFields([word])
                } else if previous == "==" || previous == "!=" || previous == "=" {
                    values.append(ShellString(try expandPattern(word)))
                } else if let literal = word.plainLiteral, ["&&", "||", "(", ")", "!"].contains(literal) {
                    values.append(ShellString(literal))
                } else {
                    values.append(try expandSingle(word))
                }
            }
            lastStatus = TestProgram.evaluate(values.map(\.text), shell: self, extended: true)
            try checkErrexit()
        case .redirected(let inner, let redirections):
            let saved = fds
            var opened: [OutputSink] = []
            defer { fds = saved }
            guard try applyRedirections(redirections, opened: &opened) else {
                lastStatus = 1
                try checkErrexit()
                return
            }
            do { try execute(inner) } catch {
                try closeSinks(opened)
                throw error
            }
            try closeSinks(opened)
        }
    }

    /// Runs a condition list, where `set -e` is off.
    func condition(_ command: ShellCommand) throws(ShellControl) {
        errexitSuppressed += 1
        defer { errexitSuppressed -= 1 }
        try execute(command)
    }

    func checkErrexit() throws(ShellControl) {
        if errexit && errexitSuppressed == 0 && lastStatus != 0 { throw .exit(lastStatus) }
    }

    func executePipeline(_ commands: [ShellCommand]) throws(ShellControl) {
        var input: ProvenancedBytes?
        var statuses: [Int32] = []
        for (index, command) in commands.enumerated() {
            let isLast = index == commands.count - 1
            let sink = OutputSink(.pipe)
            if !isLast { sink.demand = Self.pipeDemand(of: commands[index + 1]) }
            let status = try subshell { () throws(ShellControl) in
                if let input { fds[0] = .input(InputSource(input)) }
                if !isLast { fds[1] = .output(sink) }
                errexitSuppressed += isLast ? 0 : 1
                defer { errexitSuppressed -= isLast ? 0 : 1 }
                try execute(command)
            }
            statuses.append(status)
            input = ProvenancedBytes(sink.bytes, provenance: sink.provenance)
        }
        lastStatus = statuses.last ?? 0
        if pipefail, let failed = statuses.last(where: { $0 != 0 }) { lastStatus = failed }
        try checkErrexit()
    }

    /// What `reader` consumes of its stdin, when its words say so plainly: `head`, `head -N`,
    /// `head -n N` and `head -c N` with no file operand and no redirection.
    static func pipeDemand(of reader: ShellCommand) -> PipeDemand? {
        guard case .simple(let simple) = reader, simple.assignments.isEmpty else { return nil }
        // Output redirections do not change what it reads; any input redirection does.
        for redirection in simple.redirections {
            switch redirection.op {
            case .output, .append, .clobber, .outputAndError: if (redirection.fd ?? 1) == 0 { return nil }
            case .duplicateOutput: if (redirection.fd ?? 1) == 0 { return nil }
            default: return nil
            }
        }
        let words = simple.words.compactMap(\.plainLiteral)
        guard words.count == simple.words.count, let name = words.first, ShellPath.base(name) == "head" else { return nil }
        var demand = PipeDemand.lines(10)
        var index = 1
        func count(_ text: Substring) -> Int? {
            guard let value = Int(text), value > 0, text.first?.isNumber == true else { return nil }
            return value
        }
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "-n" || word == "-c" {
                guard index < words.count, let value = count(words[index][...]) else { return nil }
                demand = word == "-n" ? .lines(value) : .bytes(value)
                index += 1
            } else if word.hasPrefix("-n"), let value = count(word.dropFirst(2)) {
                demand = .lines(value)
            } else if word.hasPrefix("-c"), let value = count(word.dropFirst(2)) {
                demand = .bytes(value)
            } else if word.hasPrefix("-"), let value = count(word.dropFirst()) {
                demand = .lines(value)
            } else {
                return nil
            }
        }
        return demand
    }

    // MARK: simple commands

    func executeSimple(_ command: SimpleCommand) throws(ShellControl) {
        try countCommand()
        lineNumber = command.line - 1
        lastSubstitutionStatus = nil
        let fields = try expandFields(command.words)
        var assigned: [(String, ShellString)] = []
        for assignment in command.assignments {
            assigned.append((assignment.name, try expandAssignment(assignment.value)))
        }
        if xtrace {
            let parts = assigned.map { "\($0.0)=\($0.1.text)" } + fields.map(\.text)
            writeError("+ " + parts.joined(separator: " "))
        }
        guard let name = fields.first?.text else {
            for (key, value) in assigned { try setVariable(key, value) }
            if command.redirections.isEmpty {
                lastStatus = lastSubstitutionStatus ?? 0
                try checkErrexit()
                return
            }
            let saved = fds
            var opened: [OutputSink] = []
            let ok = try applyRedirections(command.redirections, opened: &opened)
            try closeSinks(opened)
            fds = saved
            lastStatus = ok ? (lastSubstitutionStatus ?? 0) : 1
            try checkErrexit()
            return
        }
        let arguments = Array(fields.dropFirst())
        let saved = fds
        var opened: [OutputSink] = []
        guard try applyRedirections(command.redirections, opened: &opened) else {
            fds = saved
            lastStatus = 1
            try checkErrexit()
            return
        }
        var keepFds = false
        do {
            if name == "exec" && arguments.isEmpty {
                keepFds = true
                lastStatus = 0
            } else {
                lastStatus = try invoke(name: name, arguments: arguments, assignments: assigned)
            }
        } catch {
            try closeSinks(opened)
            if !keepFds { fds = saved }
            throw error
        }
        if !keepFds {
            try closeSinks(opened)
            fds = saved
        } else {
            persistentSinks += opened
        }
        try checkErrexit()
    }

    /// Runs a command by name: function, builtin, then program on `PATH`.
    func invoke(name: String, arguments: [ShellString], assignments: [(String, ShellString)]) throws(ShellControl) -> Int32 {
        if !functions.isEmpty, let body = functions[name] {
            let saved = (variables, positional)
            for (key, value) in assignments { try setVariable(key, value) }
            positional = arguments
            try enter()
            localFrames.append([:])
            defer {
                depth -= 1
                if let frame = localFrames.popLast() {
                    for (key, value) in frame { variables[key] = value }
                }
                positional = saved.1
            }
            do {
                try execute(body)
            } catch {
                if case .returnFromFunction(let code) = error { return code }
                throw error
            }
            return lastStatus
        }
        if let builtin = Builtins.lookup(name) {
            if Builtins.special.contains(name) {
                for (key, value) in assignments { try setVariable(key, value) }
                return try builtin(self, arguments)
            }
            let previous = assignments.map { ($0.0, variables[$0.0]) }
            for (key, value) in assignments { try setVariable(key, value) }
            defer { for (key, value) in previous { variables[key] = value } }
            return try builtin(self, arguments)
        }
        let previous = assignments.map { ($0.0, variables[$0.0]) }
        for (key, value) in assignments { try setVariable(key, value, export: true) }
        defer { for (key, value) in previous { variables[key] = value } }
        return try runExternal(name: name, arguments: arguments, execForm: false)
    }

    /// Finds `name` on `PATH` (or takes it as a path) and runs the program model it resolves to.
    func runExternal(name: String, arguments: [ShellString], execForm: Bool) throws(ShellControl) -> Int32 {
        if name.contains("/"), let info = try? fs.stat(absolute(name)), info.kind == .regular, info.mode & 0o111 == 0 {
            writeError("\(arg0): \(name): Permission denied")
            return 126
        }
        if name.contains("/"), fs.isDirectory(absolute(name)) {
            writeError("\(arg0): \(name): Permission denied")
            return 126
        }
        let resolved = resolveCommand(name)
        guard let path = resolved.path else {
            if execForm {
                writeError("exec: \"\(name)\": executable file not found in $PATH")
            } else {
                writeError("\(arg0): \(name): not found")
            }
            return 127
        }
        let real = resolved.real ?? path
        var appletName = ShellPath.base(real)
        var args = arguments
        if appletName == "busybox" || appletName == "sh" || appletName == "ash" || appletName == "bash" {
            let invoked = ShellPath.base(name)
            if invoked == "busybox" {
                guard let first = args.first else { return 0 }
                appletName = first.text
                args.removeFirst()
            } else {
                appletName = invoked
            }
        }
        if appletName == "sh" || appletName == "ash" || appletName == "bash" {
            return try runNestedShell(args, bash: appletName == "bash")
        }
        guard let program = Programs.lookup(appletName) else {
            if let script = try? fs.readFile(path), Self.isShellScript(script.bytes) {
                let body = script.text
                return try subshell { () throws(ShellControl) in
                    arg0 = name
                    positional = arguments
                    try evalString(body)
                }
            }
            // A real binary (apt-get, curl, python3...): nothing here can run it faithfully.
            if !unsupportedCommands.contains(real) { unsupportedCommands.append(real) }
            writeError("\(arg0): \(name): cannot be simulated (not a busybox applet or shell script)")
            return 127
        }
        try enter()
        defer { depth -= 1 }
        let invocation = ProgramInvocation(name: appletName, arguments: args)
        do {
            return try program(self, invocation)
        } catch {
            // A program is its own process: SIGPIPE ends it, not the shell that ran it.
            if case .brokenPipe = error { return 141 }
            throw error
        }
    }

    func runNestedShell(_ args: [ShellString], bash: Bool) throws(ShellControl) -> Int32 {
        var index = 0
        var errexitFlag = false
        var xtraceFlag = false
        while index < args.count, args[index].text.hasPrefix("-"), args[index].text != "-c" {
            if args[index].text.contains("e") { errexitFlag = true }
            if args[index].text.contains("x") { xtraceFlag = true }
            if args[index].text.hasSuffix("c") { break }
            index += 1
        }
        guard index < args.count, args[index].text.hasSuffix("c"), args[index].text.hasPrefix("-"), index + 1 < args.count else {
            if index < args.count, let script = try? fs.readFile(absolute(args[index].text)) {
                return try subshell { () throws(ShellControl) in
                    positional = Array(args.dropFirst(index + 1))
                    try evalString(script.text)
                }
            }
            let input = readAllInput()
            return try subshell { () throws(ShellControl) in try evalString(input.text) }
        }
        let script = args[index + 1].text
        return try subshell { () throws(ShellControl) in
            errexit = errexit || errexitFlag
            xtrace = xtrace || xtraceFlag
            if index + 2 < args.count { arg0 = args[index + 2].text }
            positional = Array(args.dropFirst(index + 3))
            try evalString(script)
        }
    }

    /// `lookupCommand` and the resolved real path, from the cache when PATH, the working
    /// directory and the file system are as they were at the last lookup of `name`.
    func resolveCommand(_ name: String) -> (path: String?, real: String?) {
        let searchPath = value("PATH")?.text ?? ""
        if let cached = commandCache[name], cached.generation == fsGeneration, cached.searchPath == searchPath, cached.cwd == cwd {
            return (cached.path, cached.real)
        }
        let path = lookupCommand(name)
        let real = path.map { (try? fs.realpath($0)) ?? $0 }
        if commandCache.count >= 256 { commandCache.removeAll(keepingCapacity: true) }
        commandCache[name] = CachedCommand(searchPath: searchPath, cwd: cwd, generation: fsGeneration, path: path, real: real)
        return (path, real)
    }

    /// The path a command name resolves to, or nil when nothing executable is found.
    func lookupCommand(_ name: String) -> String? {
        if name.contains("/") {
            let path = absolute(name)
            return (try? fs.stat(path))?.kind == .regular ? path : nil
        }
        let searchPath = value("PATH")?.text ?? ""
        for dir in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let base = dir.isEmpty ? cwd : absolute(String(dir))
            let candidate = ShellPath.join(base, name)
            if let status = try? fs.stat(candidate), status.kind == .regular, status.mode & 0o111 != 0 { return candidate }
        }
        return nil
    }

    /// Whether a file is a script for a POSIX shell: `#!/bin/sh`, `#!/bin/bash`, `#!/usr/bin/env sh`.
    static func isShellScript(_ bytes: [UInt8]) -> Bool {
        guard bytes.starts(with: Array("#!".utf8)) else { return false }
        let line = String(decoding: bytes.prefix(while: { $0 != 0x0A }).dropFirst(2), as: UTF8.self)
        let words = line.split(separator: " ").map { ShellPath.base(String($0)) }
        guard var interpreter = words.first else { return false }
        if interpreter == "env", words.count > 1 { interpreter = words[1] }
        return ["sh", "ash", "bash", "dash"].contains(interpreter)
    }

    /// Parses and runs text in the current shell (`eval`, `.`, traps).
    func evalString(_ text: String) throws(ShellControl) {
        let tree: ShellCommand
        do {
            tree = try Parser.parse(text, dialect: dialect == .bash ? .bash : .sh)
        } catch {
            writeError("\(arg0): \(error.description)")
            lastStatus = 2
            if errexit { throw .exit(2) }
            return
        }
        try enter()
        defer { depth -= 1 }
        lastStatus = 0
        try execute(tree)
    }
}
