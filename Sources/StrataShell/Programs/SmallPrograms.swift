/// `true`.
struct TrueProgram: ShellProgram {
    static let names = ["true"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 { 0 }
}

/// `false`.
struct FalseProgram: ShellProgram {
    static let names = ["false"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 { 1 }
}

/// `basename PATH [SUFFIX]`.
struct BasenameProgram: ShellProgram {
    static let names = ["basename"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let args = invocation.args
        guard let path = args.first else { shell.programError("basename", "missing operand"); return 1 }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var base = trimmed == "/" ? "/" : ShellPath.base(trimmed)
        if args.count > 1, base != args[1], base.hasSuffix(args[1]) { base.removeLast(args[1].count) }
        try shell.writeOut(Array((base + "\n").utf8), provenance: invocation.argumentProvenance.applying(.substituted))
        return 0
    }
}

/// `dirname PATH`.
struct DirnameProgram: ShellProgram {
    static let names = ["dirname"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        guard let path = invocation.args.first else { shell.programError("dirname", "missing operand"); return 1 }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var dir: String
        if let slash = trimmed.lastIndex(of: "/") {
            dir = String(trimmed[..<slash])
            while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
            if dir.isEmpty { dir = "/" }
        } else {
            dir = "."
        }
        try shell.writeOut(Array((dir + "\n").utf8), provenance: invocation.argumentProvenance.applying(.substituted))
        return 0
    }
}

/// `readlink [-f] PATH` and `realpath PATH`.
struct ReadlinkProgram: ShellProgram {
    static let names = ["readlink", "realpath"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "fenqsv")
        if let bad = parsed.invalid { return shell.invalidOption(invocation.name, bad) }
        var status: Int32 = 0
        var out = ""
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            if parsed.has("f") || parsed.has("e") || invocation.name == "realpath" {
                if let real = try? shell.fs.realpath(path), parsed.has("f") || shell.fs.exists(real) || (invocation.name == "realpath" && shell.fs.isDirectory(ShellPath.parent(real))) {
                    out += real + (parsed.has("n") ? "" : "\n")
                } else {
                    if invocation.name == "realpath" { shell.programError("realpath", "\(operand): No such file or directory") }
                    status = 1
                }
            } else if let target = try? shell.fs.readlink(path) {
                out += target + (parsed.has("n") ? "" : "\n")
            } else {
                status = 1
            }
        }
        try shell.writeOut(out)
        return status
    }
}

/// `whoami`, `id [-u|-g|-n] [USER]`.
struct IdProgram: ShellProgram {
    static let names = ["id", "whoami"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        if invocation.name == "whoami" {
            try shell.writeOut((UserDatabase.userName(shell.user.uid, shell) ?? shell.user.name) + "\n")
            return 0
        }
        let parsed = ParsedOptions(invocation.arguments, flags: "ugnGr")
        if let bad = parsed.invalid { return shell.invalidOption("id", bad) }
        var uid = shell.user.uid
        var gid = shell.user.gid
        if let name = parsed.operands.first {
            guard let u = UserDatabase.userID(name, shell), UserDatabase.userName(u, shell) != nil || Int(name) != nil else {
                shell.programError("id", "unknown user \(name)")
                return 1
            }
            uid = u
            gid = UserDatabase.primaryGroup(of: UserDatabase.userName(u, shell) ?? name, shell) ?? gid
        }
        let userName = UserDatabase.userName(uid, shell)
        let groupName = UserDatabase.groupName(gid, shell)
        if parsed.has("u") {
            try shell.writeOut((parsed.has("n") ? userName ?? String(uid) : String(uid)) + "\n")
        } else if parsed.has("g") {
            try shell.writeOut((parsed.has("n") ? groupName ?? String(gid) : String(gid)) + "\n")
        } else {
            var groups = [gid]
            for entry in UserDatabase.entries("/etc/group", shell) where entry.count > 3 {
                if let name = userName, entry[3].split(separator: ",").contains(Substring(name)), let g = Int(entry[2]), !groups.contains(g) { groups.append(g) }
            }
            func label(_ id: Int, _ name: String?) -> String { name.map { "\(id)(\($0))" } ?? String(id) }
            let list = groups.map { label($0, UserDatabase.groupName($0, shell)) }.joined(separator: ",")
            try shell.writeOut("uid=\(label(uid, userName)) gid=\(label(gid, groupName)) groups=\(list)\n")
        }
        return 0
    }
}

/// `sleep N`: advances the simulated clock, never waits.
struct SleepProgram: ShellProgram {
    static let names = ["sleep"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var total = 0.0
        for arg in invocation.args {
            var text = arg
            var unit = 1.0
            if let last = text.last, "smhd".contains(last) {
                unit = ["s": 1, "m": 60, "h": 3600, "d": 86400][last] ?? 1
                text.removeLast()
            }
            guard let value = Double(text) else { shell.programError("sleep", "invalid number '\(arg)'"); return 1 }
            total += value * unit
        }
        try shell.advanceClock(Int(total.rounded(.up)))
        return 0
    }
}

/// `seq [-w] [-s SEP] [FIRST [INC]] LAST`.
struct SeqProgram: ShellProgram {
    static let names = ["seq"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.args
        var separator = "\n"
        var pad = false
        while let first = args.first, first.hasPrefix("-"), first.count > 1, !(first.dropFirst().first?.isNumber ?? false) {
            args.removeFirst()
            if first == "-s", !args.isEmpty { separator = args.removeFirst() } else if first == "-w" { pad = true }
        }
        let numbers = args.compactMap(Int.init)
        guard numbers.count == args.count, (1...3).contains(numbers.count) else {
            shell.programError("seq", "invalid arguments")
            return 1
        }
        let first = numbers.count > 1 ? numbers[0] : 1
        let step = numbers.count == 3 ? numbers[1] : 1
        let last = numbers[numbers.count - 1]
        guard step != 0 else { return 1 }
        var values: [String] = []
        var n = first
        while step > 0 ? n <= last : n >= last {
            values.append(String(n))
            if values.count > shell.limits.maxLoopIterations * 10 {
                throw .limit(ShellLimitViolation(kind: .output, message: "RUN exceeded the \(ShellLimitViolation.size(shell.limits.maxOutputBytes)) output limit"))
            }
            n += step
        }
        if pad {
            let width = max(String(first).count, String(last).count)
            values = values.map { String(repeating: "0", count: max(0, width - $0.count)) + $0 }
        }
        if !values.isEmpty { try shell.writeOut(values.joined(separator: separator) + "\n") }
        return 0
    }
}

/// `yes [STRING]`: bounded by the output and write limits.
struct YesProgram: ShellProgram {
    static let names = ["yes"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let line = Array(((invocation.args.isEmpty ? "y" : invocation.args.joined(separator: " ")) + "\n").utf8)
        var chunk: [UInt8] = []
        while chunk.count < 65536 { chunk += line }
        guard case .output(let sink)? = shell.fds[1] else { return 0 }
        while true {
            if case .pipe = sink.target, sink.bytes.count >= 1 << 20 {
                // The reader would have closed the pipe long before: end as if by SIGPIPE.
                return 141
            }
            try shell.write(chunk, provenance: invocation.argumentProvenance, to: sink)
        }
    }
}

/// `rev [FILE]`.
struct RevProgram: ShellProgram {
    static let names = ["rev"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        guard let data = shell.readOperand(invocation.args.first ?? "-", program: "rev") else { return 1 }
        var out: [UInt8] = []
        for line in splitLines(data.bytes) { out += Array(String(String(decoding: line, as: UTF8.self).reversed()).utf8) + [0x0A] }
        try shell.writeOut(out, provenance: data.provenance.applying(.substituted))
        return 0
    }
}

/// `env [-i] [NAME=VALUE]... [COMMAND [ARG]...]`, and `printenv [NAME]`.
struct EnvProgram: ShellProgram {
    static let names = ["env", "printenv"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        if invocation.name == "printenv" {
            if let name = invocation.args.first {
                guard let value = shell.exportedEnvironment.first(where: { $0.0 == name })?.1 else { return 1 }
                try shell.writeOut(value.text + "\n", provenance: value.provenance.applying(.copied))
                return 0
            }
        }
        var args = invocation.arguments
        var environment = shell.exportedEnvironment
        while let first = args.first {
            if first.text == "-i" || first.text == "-" { environment = []; args.removeFirst(); continue }
            if first.text == "-u", args.count > 1 { let name = args[1].text; environment.removeAll { $0.0 == name }; args.removeFirst(2); continue }
            if let eq = first.text.firstIndex(of: "="), !first.text.hasPrefix("=") {
                let name = String(first.text[..<eq])
                environment.removeAll { $0.0 == name }
                environment.append((name, ShellString(String(first.text[first.text.index(after: eq)...]), provenance: first.provenance)))
                args.removeFirst()
                continue
            }
            break
        }
        guard let command = args.first else {
            var provenance = Provenance.clean
            var out = ""
            for (name, value) in environment {
                out += "\(name)=\(value.text)\n"
                provenance.merge(value.provenance)
            }
            try shell.writeOut(out, provenance: provenance.applying(.copied))
            return 0
        }
        let saved = shell.variables
        defer { shell.variables = saved }
        for (name, variable) in shell.variables where variable.exported { shell.variables[name]?.exported = false }
        for (name, value) in environment { shell.variables[name] = Variable(value: value, exported: true) }
        return try shell.runExternal(name: command.text, arguments: Array(args.dropFirst()), execForm: false)
    }
}

/// `which NAME...`.
struct WhichProgram: ShellProgram {
    static let names = ["which"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var status: Int32 = 0
        for name in invocation.args {
            if let path = shell.lookupCommand(name) { try shell.writeOut(path + "\n") } else { status = 1 }
        }
        return status
    }
}

/// `mktemp [-d] [-p DIR] [TEMPLATE]` with deterministic names.
struct MktempProgram: ShellProgram {
    static let names = ["mktemp"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "dqtu", valued: "p")
        if let bad = parsed.invalid { return shell.invalidOption("mktemp", bad) }
        let template = parsed.operands.first ?? "tmp.XXXXXX"
        let directory = parsed.values["p"] ?? (parsed.operands.isEmpty || parsed.has("t") ? (shell.value("TMPDIR")?.text ?? "/tmp") : nil)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        while true {
            shell.mktempCounter += 1
            var seed = UInt64(shell.mktempCounter) &* 0x9E3779B97F4A7C15
            var name = ""
            var xs = 0
            for c in template.reversed() {
                if c == "X" && xs == name.count {
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    name.append(alphabet[Int(seed >> 33) % alphabet.count])
                    xs += 1
                } else {
                    name.append(c)
                }
            }
            name = String(name.reversed())
            let path = directory.map { ShellPath.join(shell.absolute($0), name) } ?? shell.absolute(name)
            if shell.fs.exists(path) { continue }
            if parsed.has("d") {
                do { try shell.fs.mkdir(path, mode: 0o700) } catch {
                    shell.programError("mktemp", "\(error.message)")
                    return 1
                }
                shell.record(path, .clean)
            } else if !parsed.has("u") {
                if let failure = try shell.writeFile(path, ProvenancedBytes(), mode: 0o600, applyUmask: false) {
                    shell.programError("mktemp", failure.message)
                    return 1
                }
            }
            try shell.writeOut((directory == nil ? name : path) + "\n")
            return 0
        }
    }
}

/// `uname [-amnrsv]`, `hostname`, `nproc`: fixed answers, so builds stay reproducible.
struct SystemInfoProgram: ShellProgram {
    static let names = ["uname", "hostname", "nproc", "arch"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        switch invocation.name {
        case "hostname": try shell.writeOut((shell.value("HOSTNAME")?.text ?? "buildkitsandbox") + "\n")
        case "nproc": try shell.writeOut("1\n")
        case "arch": try shell.writeOut("x86_64\n")
        default:
            let flags = invocation.args.joined()
            var parts: [String] = []
            if flags.contains("a") { parts = ["Linux", "buildkitsandbox", "6.1.0", "#1 SMP", "x86_64", "GNU/Linux"] } else {
                if flags.isEmpty || flags.contains("s") { parts.append("Linux") }
                if flags.contains("n") { parts.append("buildkitsandbox") }
                if flags.contains("r") { parts.append("6.1.0") }
                if flags.contains("m") { parts.append("x86_64") }
            }
            try shell.writeOut(parts.joined(separator: " ") + "\n")
        }
        return 0
    }
}
