/// `xargs [-0rt] [-n N] [-I STR] [COMMAND [ARG]...]`.
struct XargsProgram: ShellProgram {
    static let names = ["xargs"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.arguments
        var maxArgs = Int.max
        var replace: String?
        var nul = false
        var noRunIfEmpty = false
        var trace = false
        while let first = args.first?.text, first.hasPrefix("-"), first.count > 1 {
            args.removeFirst()
            switch first {
            case "-0": nul = true
            case "-r": noRunIfEmpty = true
            case "-t": trace = true
            case "-n": if let v = args.first { maxArgs = Int(v.text) ?? 1; args.removeFirst() }
            case "-I": if let v = args.first { replace = v.text; args.removeFirst() }
            default:
                if first.hasPrefix("-n") { maxArgs = Int(first.dropFirst(2)) ?? 1 } else if first.hasPrefix("-I") { replace = String(first.dropFirst(2)) } else { return shell.invalidOption("xargs", first.dropFirst().first ?? "?") }
            }
        }
        let command = args.isEmpty ? [ShellString("echo")] : args
        let input = shell.readAllInput()
        var items: [String] = []
        if nul {
            items = input.bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        } else if replace != nil {
            items = splitLines(input.bytes).map { String(decoding: $0, as: UTF8.self).trimmingLeadingSpaces }.filter { !$0.isEmpty }
        } else {
            items = words(input.text)
        }
        if items.isEmpty && (noRunIfEmpty || replace != nil) { return 0 }
        var batches: [[String]] = []
        if let replace {
            for item in items { batches.append(command.map { $0.text.replacingOccurrences(of: replace, with: item) }) }
        } else if items.isEmpty {
            batches = [command.map(\.text)]
        } else {
            var index = 0
            while index < items.count {
                let chunk = Array(items[index..<min(items.count, index + maxArgs)])
                batches.append(command.map(\.text) + chunk)
                index += chunk.count
            }
        }
        var status: Int32 = 0
        for argv in batches {
            if trace { shell.writeError(argv.joined(separator: " ")) }
            guard shell.lookupCommand(argv[0]) != nil || Builtins.lookup(argv[0]) != nil && ["echo", "printf", "test", "[", "true", "false"].contains(argv[0]) else {
                shell.programError("xargs", "\(argv[0]): No such file or directory")
                return 127
            }
            let arguments = argv.dropFirst().map { ShellString($0, provenance: input.provenance) }
            let code: Int32
            if shell.lookupCommand(argv[0]) == nil, let builtin = Builtins.lookup(argv[0]) {
                code = try builtin(shell, arguments)
            } else {
                code = try shell.runExternal(name: argv[0], arguments: arguments, execForm: false)
            }
            if code == 255 { return 124 }
            if code != 0 { status = 123 }
        }
        return status
    }

    /// Splits on blanks and newlines, honouring quotes and backslashes as xargs does.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        var started = false
        for c in text {
            if escaped { current.append(c); escaped = false; continue }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            switch c {
            case "\\": escaped = true; started = true
            case "'", "\"": quote = c; started = true
            case " ", "\t", "\n":
                if started || !current.isEmpty { result.append(current) }
                current = ""
                started = false
            default: current.append(c); started = true
            }
        }
        if started || !current.isEmpty { result.append(current) }
        return result
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        let n = Array(needle)
        guard !n.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            var j = i
            var k = 0
            while k < n.count && j < endIndex && self[j] == n[k] { j = index(after: j); k += 1 }
            if k == n.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}
