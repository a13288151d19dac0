/// `cat [FILE...]`: concatenates files (or stdin) to stdout.
struct CatProgram: ShellProgram {
    static let names = ["cat"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let options = ParsedOptions(invocation.arguments, flags: "nbvetAsu")
        if let bad = options.invalid { return shell.invalidOption("cat", bad) }
        let operands = options.operands.isEmpty ? ["-"] : options.operands
        var status: Int32 = 0
        var lineNumber = 0
        for operand in operands {
            if operand == "/dev/zero" {
                // Endless zeros: only a reader that stops (`| head -c 10`) or a limit ends it.
                let zeros = [UInt8](repeating: 0, count: 65536)
                while true { try shell.writeOut(zeros, provenance: .clean) }
            }
            guard let data = shell.readOperand(operand, program: "cat", canOpenStyle: true) else { status = 1; continue }
            let provenance = data.provenance.applying(operands.count > 1 ? .concatenated : .copied)
            if options.has("n") || options.has("b") {
                var out: [UInt8] = []
                for line in splitLinesKeepingEnd(data.bytes) {
                    if options.has("b") && line == [0x0A] { out += line; continue }
                    lineNumber += 1
                    let number = String(lineNumber)
                    out += Array((String(repeating: " ", count: max(0, 6 - number.count)) + number + "\t").utf8) + line
                }
                try shell.writeOut(out, provenance: provenance)
            } else {
                try shell.writeOut(data.bytes, provenance: provenance)
            }
        }
        return status
    }
}

/// Lines with their trailing newline kept.
func splitLinesKeepingEnd(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    for b in bytes {
        current.append(b)
        if b == 0x0A { lines.append(current); current = [] }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
