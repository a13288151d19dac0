/// `grep [-qvEFcilLnhHorswx] [-e PATTERN]... [PATTERN] [FILE...]`; 0 matched, 1 none, 2 error.
struct GrepProgram: ShellProgram {
    static let names = ["grep", "egrep", "fgrep"]

    enum Matcher {
        case regex(Regex)
        case fixed([UInt8], ignoreCase: Bool)
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var patterns: [String] = []
        var rest: [ShellString] = []
        var args = invocation.arguments[...]
        // -e may repeat, so collect it before the generic parser sees the arguments.
        while let arg = args.popFirst() {
            if arg.text == "-e", let value = args.popFirst() { patterns.append(value.text); continue }
            if arg.text.hasPrefix("-e") && arg.text.count > 2 && !arg.text.hasPrefix("--") { patterns.append(String(arg.text.dropFirst(2))); continue }
            if arg.text == "--" { rest.append(arg); rest += args; break }
            rest.append(arg)
        }
        let parsed = ParsedOptions(rest, flags: "qvEFcilLnhHorswxRa", valued: "mABC")
        if let bad = parsed.invalid { return shell.invalidOption("grep", bad) }
        var operands = parsed.operands
        if patterns.isEmpty {
            guard !operands.isEmpty else { shell.programError("grep", "usage: grep [OPTIONS] PATTERN [FILE]..."); return 2 }
            patterns = [operands.removeFirst()]
        }
        let extended = parsed.has("E") || invocation.name == "egrep"
        let fixed = parsed.has("F") || invocation.name == "fgrep"
        let ignoreCase = parsed.has("i")
        var matchers: [Matcher] = []
        for pattern in patterns.flatMap({ $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }) {
            if fixed {
                matchers.append(.fixed(Array(pattern.utf8), ignoreCase: ignoreCase))
            } else {
                var source = pattern
                if parsed.has("w") { source = extended ? "\\<(" + pattern + ")\\>" : "\\<\\(" + pattern + "\\)\\>" }
                if parsed.has("x") { source = extended ? "^(" + pattern + ")$" : "^\\(" + pattern + "\\)$" }
                do { matchers.append(.regex(try Regex(source, extended: extended, ignoreCase: ignoreCase))) } catch {
                    shell.programError("grep", error.message)
                    return 2
                }
            }
        }
        let recursive = parsed.has("r") || parsed.has("R")
        if operands.isEmpty { operands = recursive ? ["."] : ["-"] }
        var files: [String] = []
        var status: Int32 = 1
        var hadError = false
        for operand in operands {
            if recursive, operand != "-", shell.fs.isDirectory(shell.absolute(operand)) {
                collect(shell, shell.absolute(operand), operand, &files)
            } else {
                files.append(operand)
            }
        }
        let showNames = parsed.has("H") || ((files.count > 1 || recursive) && !parsed.has("h"))
        var out: [UInt8] = []
        var provenance = Provenance.clean
        for file in files {
            if file != "-", shell.fs.isDirectory(shell.absolute(file)) {
                if !parsed.has("s") { shell.programError("grep", "\(file): Is a directory") }
                continue
            }
            guard let data = file == "-" ? shell.readAllInput() : readQuietly(shell, file, silent: parsed.has("s")) else {
                hadError = true
                continue
            }
            let label = file == "-" ? "(standard input)" : file
            var count = 0
            for (index, line) in splitLines(data.bytes).enumerated() {
                let hit = matches(matchers, line, fixed: fixed, wholeLine: parsed.has("x"), word: parsed.has("w"))
                guard hit != parsed.has("v") else { continue }
                count += 1
                status = 0
                if parsed.has("q") {
                    try shell.writeOut(out, provenance: provenance)
                    return 0
                }
                if parsed.has("l") || parsed.has("c") || parsed.has("L") { continue }
                provenance.merge(data.provenance)
                if parsed.has("o"), case .regex(let regex)? = matchers.first, !parsed.has("v") {
                    var start = 0
                    while start <= line.count, let found = regex.firstMatch(in: line, from: start, notAtLineStart: false), let range = found[0] {
                        if range.isEmpty { start = range.upperBound + 1; continue }
                        if showNames { out += Array((label + ":").utf8) }
                        out += Array(line[range]) + [0x0A]
                        start = range.upperBound
                    }
                    continue
                }
                if showNames { out += Array((label + ":").utf8) }
                if parsed.has("n") { out += Array("\(index + 1):".utf8) }
                out += line + [0x0A]
            }
            if parsed.has("c") {
                out += Array(((showNames ? label + ":" : "") + "\(count)\n").utf8)
            } else if parsed.has("l") && count > 0 {
                out += Array((label + "\n").utf8)
            } else if parsed.has("L") && count == 0 {
                out += Array((label + "\n").utf8)
            }
        }
        try shell.writeOut(out, provenance: provenance.applying(.copied))
        if hadError && !(parsed.has("q") && status == 0) { return 2 }
        return status
    }

    static func readQuietly(_ shell: Interpreter, _ file: String, silent: Bool) -> ProvenancedBytes? {
        do { return try shell.fs.readFile(shell.absolute(file)) } catch {
            if !silent { shell.programError("grep", "\(file): \(error.message)") }
            return nil
        }
    }

    static func collect(_ shell: Interpreter, _ path: String, _ display: String, _ files: inout [String]) {
        for name in (try? shell.fs.listDirectory(path)) ?? [] {
            let child = ShellPath.join(path, name)
            let childDisplay = display.hasSuffix("/") ? display + name : display + "/" + name
            guard let info = try? shell.fs.lstat(child) else { continue }
            if info.kind == .directory { collect(shell, child, childDisplay, &files) } else if info.kind == .regular { files.append(childDisplay) }
        }
    }

    static func matches(_ matchers: [Matcher], _ line: [UInt8], fixed: Bool, wholeLine: Bool, word: Bool) -> Bool {
        for matcher in matchers {
            switch matcher {
            case .regex(let regex):
                if regex.firstMatch(in: line, from: 0) != nil { return true }
            case .fixed(let needle, let ignoreCase):
                let hay = ignoreCase ? line.map(UniqProgram.lower) : line
                let pin = ignoreCase ? needle.map(UniqProgram.lower) : needle
                if wholeLine { if hay == pin { return true }; continue }
                if pin.isEmpty { return true }
                if hay.count >= pin.count {
                    for start in 0...(hay.count - pin.count) where hay[start..<(start + pin.count)].elementsEqual(pin) {
                        if word {
                            let before = start == 0 || !Regex.Matcher.isWord(hay[start - 1])
                            let afterIndex = start + pin.count
                            let after = afterIndex == hay.count || !Regex.Matcher.isWord(hay[afterIndex])
                            if !(before && after) { continue }
                        }
                        return true
                    }
                }
            }
        }
        return false
    }
}
