/// `uniq [-cdui] [INPUT]`: collapses adjacent equal lines.
struct UniqProgram: ShellProgram {
    static let names = ["uniq"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "cdui")
        if let bad = parsed.invalid { return shell.invalidOption("uniq", bad) }
        guard let data = shell.readOperand(parsed.operands.first ?? "-", program: "uniq") else { return 1 }
        var groups: [([UInt8], Int)] = []
        for line in splitLines(data.bytes) {
            let same = groups.last.map { parsed.has("i") ? $0.0.map(lower) == line.map(lower) : $0.0 == line } ?? false
            if same { groups[groups.count - 1].1 += 1 } else { groups.append((line, 1)) }
        }
        var out: [UInt8] = []
        for (line, count) in groups {
            if parsed.has("d") && count < 2 { continue }
            if parsed.has("u") && count > 1 { continue }
            if parsed.has("c") {
                let n = String(count)
                out += Array((String(repeating: " ", count: max(0, 7 - n.count)) + n + " ").utf8)
            }
            out += line + [0x0A]
        }
        try shell.writeOut(out, provenance: data.provenance.applying(.copied))
        return 0
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
}
