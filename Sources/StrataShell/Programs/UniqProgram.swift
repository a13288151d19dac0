/// `uniq [-cdui] [INPUT]`: collapses adjacent equal lines.
struct UniqProgram: ShellProgram {
    static let names = ["uniq"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "cdui")
        if let bad = parsed.invalid { return shell.invalidOption("uniq", bad) }
        guard let data = shell.readOperand(parsed.operands.first ?? "-", program: "uniq") else { return 1 }
        // Lines as ranges of the input: adjacent equal lines collapse without copying any.
        let bytes = data.bytes
        let lines = lineRanges(bytes)
        var groups: [(Range<Int>, Int)] = []
        let fold = parsed.has("i")
        bytes.withUnsafeBufferPointer { buffer in
            for line in lines {
                if let last = groups.last, last.0.count == line.count, compareBytes(buffer, last.0, line, fold: fold) == 0 {
                    groups[groups.count - 1].1 += 1
                } else {
                    groups.append((line, 1))
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        for (line, count) in groups {
            if parsed.has("d") && count < 2 { continue }
            if parsed.has("u") && count > 1 { continue }
            if parsed.has("c") {
                let n = String(count)
                out += Array((String(repeating: " ", count: max(0, 7 - n.count)) + n + " ").utf8)
            }
            out += bytes[line]
            out.append(0x0A)
        }
        try shell.writeOut(out, provenance: data.provenance.applying(.copied))
        return 0
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
}
