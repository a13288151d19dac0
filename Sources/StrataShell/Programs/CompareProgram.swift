/// `cmp [-ls] FILE1 [FILE2]`: the first differing byte, as busybox words it.
struct CompareProgram: ShellProgram {
    static let names = ["cmp"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "ls")
        if let bad = parsed.invalid { return shell.invalidOption("cmp", bad) }
        guard let first = parsed.operands.first, parsed.operands.count <= 2 else {
            shell.programError("cmp", parsed.operands.isEmpty ? "missing operand" : "extra operand")
            return 2
        }
        let second = parsed.operands.count > 1 ? parsed.operands[1] : "-"
        guard let a = shell.readOperand(first, program: "cmp"), let b = shell.readOperand(second, program: "cmp") else { return 2 }
        let provenance = a.provenance.merged(with: b.provenance)
        let common = min(a.bytes.count, b.bytes.count)
        var line = 1
        var differs = false
        var listing = ""
        for index in 0..<common {
            if a.bytes[index] != b.bytes[index] {
                differs = true
                if parsed.has("s") { return 1 }
                if !parsed.has("l") {
                    try shell.writeOut("\(first) \(second) differ: char \(index + 1), line \(line)\n", provenance: provenance)
                    return 1
                }
                listing += "\(index + 1) \(String(a.bytes[index], radix: 8)) \(String(b.bytes[index], radix: 8))\n"
            }
            if a.bytes[index] == 0x0A { line += 1 }
        }
        try shell.writeOut(listing, provenance: provenance)
        if a.bytes.count != b.bytes.count {
            if !parsed.has("s") { shell.programError("cmp", "EOF on \(a.bytes.count < b.bytes.count ? first : second)") }
            return 1
        }
        return differs ? 1 : 0
    }
}
