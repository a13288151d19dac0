/// The running state of one sed execution: pattern and hold spaces and range activity.
struct SedState {
    let script: SedScript
    let quiet: Bool
    var hold: [UInt8] = []
    var active: [Bool]
    var exitCode: Int32?
    var extraProvenance = Provenance.clean

    init(script: SedScript, quiet: Bool) {
        self.script = script
        self.quiet = quiet
        active = Array(repeating: false, count: script.commands.count)
    }

    mutating func process(_ inputs: [[UInt8]], shell: Interpreter) throws(ShellControl) -> [UInt8] {
        var lines: [[UInt8]] = []
        var lastHasNewline = true
        for input in inputs {
            lines += splitLines(input)
            if !input.isEmpty { lastHasNewline = input.last == 0x0A }
        }
        var out: [UInt8] = []
        var index = 0
        var lineNumber = 0
        func emit(_ bytes: [UInt8], _ out: inout [UInt8], final: Bool) {
            out += bytes
            if !final || lastHasNewline { out.append(0x0A) }
        }
        while index < lines.count {
            var pattern = lines[index]
            index += 1
            lineNumber += 1
            var appended: [[UInt8]] = []
            var deleted = false
            var substituted = false
            var pc = 0
            var quitAfter = false
            var quitNow = false
            while pc < script.commands.count {
                let command = script.commands[pc]
                let isLast = index == lines.count
                if !selects(pc, command, pattern, lineNumber, isLast) {
                    pc = command.name == "{" ? command.jump + 1 : pc + 1
                    continue
                }
                pc += 1
                switch command.name {
                case "{", "}": break
                case "s":
                    if let regex = command.regex, let result = substitute(regex, command, pattern) {
                        pattern = result
                        substituted = true
                        if command.printAfter { emit(pattern, &out, final: false) }
                        if !command.label.isEmpty {
                            _ = try shell.writeFile(command.label, ProvenancedBytes(pattern + [0x0A]), append: true)
                        }
                    }
                case "y":
                    pattern = pattern.map { b in command.from.firstIndex(of: b).map { command.to[$0] } ?? b }
                case "d":
                    deleted = true
                    pc = script.commands.count
                case "D":
                    if let nl = pattern.firstIndex(of: 0x0A) {
                        pattern = Array(pattern[(nl + 1)...])
                        lines.insert(pattern, at: index)
                        lineNumber -= 1
                    }
                    deleted = true
                    pc = script.commands.count
                case "p": emit(pattern, &out, final: false)
                case "P": emit(Array(pattern.prefix(while: { $0 != 0x0A })), &out, final: false)
                case "=": out += Array("\(lineNumber)\n".utf8)
                case "a": appended.append(Array(command.text.utf8))
                case "i": out += Array(command.text.utf8) + [0x0A]
                case "c":
                    if command.address2 == nil || !active[pc - 1] || command.negated { out += Array(command.text.utf8) + [0x0A] }
                    deleted = true
                    pc = script.commands.count
                case "q":
                    quitAfter = true
                    exitCode = command.exitCode
                    pc = script.commands.count
                case "Q":
                    quitNow = true
                    exitCode = command.exitCode
                    pc = script.commands.count
                case "n":
                    if !quiet { emit(pattern, &out, final: index == lines.count) }
                    for text in appended { out += text + [0x0A] }
                    appended = []
                    guard index < lines.count else { deleted = true; pc = script.commands.count; quitAfter = true; break }
                    pattern = lines[index]
                    index += 1
                    lineNumber += 1
                case "N":
                    guard index < lines.count else { pc = script.commands.count; break }
                    pattern += [0x0A] + lines[index]
                    index += 1
                    lineNumber += 1
                case "h": hold = pattern
                case "H": hold += [0x0A] + pattern
                case "g": pattern = hold
                case "G": pattern += [0x0A] + hold
                case "x": swap(&pattern, &hold)
                case "b": pc = command.jump
                case "t":
                    if substituted { substituted = false; pc = command.jump }
                case "T":
                    if !substituted { pc = command.jump } else { substituted = false }
                case "w":
                    _ = try shell.writeFile(command.label, ProvenancedBytes(pattern + [0x0A]), append: true)
                case "r":
                    if let data = try? shell.fs.readFile(shell.absolute(command.label)) {
                        var text = data.bytes
                        if text.last == 0x0A { text.removeLast() }
                        appended.append(text)
                        extraProvenance.merge(data.provenance.applying(.concatenated))
                    }
                default: break
                }
            }
            if quitNow { break }
            if !deleted && !quiet { emit(pattern, &out, final: index == lines.count && appended.isEmpty) }
            for (n, text) in appended.enumerated() { emit(text, &out, final: index == lines.count && n == appended.count - 1) }
            if quitAfter { break }
        }
        return out
    }

    func matchesAddress(_ address: SedScript.Address, _ pattern: [UInt8], _ line: Int, _ isLast: Bool) -> Bool {
        switch address {
        case .line(let n): return line == n
        case .last: return isLast
        case .regex(let regex): return regex?.firstMatch(in: pattern, from: 0) != nil
        }
    }

    mutating func selects(_ index: Int, _ command: SedScript.Command, _ pattern: [UInt8], _ line: Int, _ isLast: Bool) -> Bool {
        guard let first = command.address1 else { return !command.negated }
        var selected: Bool
        if let second = command.address2 {
            if active[index] {
                selected = true
                switch second {
                case .line(let n): if line >= n { active[index] = false }; if line > n { selected = false }
                default: if matchesAddress(second, pattern, line, isLast) { active[index] = false }
                }
            } else if matchesAddress(first, pattern, line, isLast) {
                selected = true
                active[index] = true
                if case .line(let n) = second, n <= line { active[index] = false }
            } else {
                selected = false
            }
        } else {
            selected = matchesAddress(first, pattern, line, isLast)
        }
        return selected != command.negated
    }

    func substitute(_ regex: Regex, _ command: SedScript.Command, _ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var start = 0
        var count = 0
        var changed = false
        var copied = 0
        while start <= text.count, let captures = regex.firstMatch(in: text, from: start, notAtLineStart: start > 0), let whole = captures[0] {
            count += 1
            if count >= command.occurrence {
                out += text[copied..<whole.lowerBound]
                out += expand(command.replacement, captures, text)
                copied = whole.upperBound
                changed = true
                if !command.global { break }
            }
            if whole.isEmpty {
                if whole.upperBound >= text.count { break }
                start = whole.upperBound + 1
            } else {
                start = whole.upperBound
            }
        }
        guard changed else { return nil }
        out += text[copied...]
        return out
    }

    func expand(_ replacement: [UInt8], _ captures: [Range<Int>?], _ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < replacement.count {
            let b = replacement[i]
            if b == UInt8(ascii: "&") {
                if let r = captures[0] { out += text[r] }
            } else if b == 0x5C && i + 1 < replacement.count {
                i += 1
                let e = replacement[i]
                if e >= 48 && e <= 57 {
                    let n = Int(e - 48)
                    if n < captures.count, let r = captures[n] { out += text[r] }
                } else if e == UInt8(ascii: "n") {
                    out.append(0x0A)
                } else if e == UInt8(ascii: "t") {
                    out.append(0x09)
                } else {
                    out.append(e)
                }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
