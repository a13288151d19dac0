/// `wc [-lwcm] [FILE...]`, with busybox's column layout.
struct WordCountProgram: ShellProgram {
    static let names = ["wc"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "lwcmL")
        if let bad = parsed.invalid { return shell.invalidOption("wc", bad) }
        var which = parsed.flags.intersection(["l", "w", "c", "m", "L"])
        if which.isEmpty { which = ["l", "w", "c"] }
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        var totals = [0, 0, 0, 0]
        var out = ""
        var status: Int32 = 0
        var provenance = Provenance.clean
        func row(_ counts: [Int], _ name: String?) -> String {
            var columns: [String] = []
            for (i, flag) in ["l", "w", "c", "L"].enumerated() where which.contains(Character(flag)) || (flag == "c" && which.contains("m")) {
                columns.append(String(counts[i]))
            }
            let single = columns.count == 1 && operands.count <= 1
            var text = single ? columns[0] : columns.map { String(repeating: " ", count: max(0, 9 - $0.count)) + $0 }.joined(separator: " ")
            if let name { text += " " + name }
            return text + "\n"
        }
        var counted = 0
        for operand in operands {
            guard let data = shell.readOperand(operand, program: "wc") else { status = 1; continue }
            provenance.merge(data.provenance)
            var lines = 0, words = 0, longest = 0, current = 0
            var inWord = false
            for b in data.bytes {
                if b == 0x0A { lines += 1; longest = max(longest, current); current = 0 } else { current += 1 }
                let space = b == 0x20 || (b >= 9 && b <= 13)
                if space { inWord = false } else if !inWord { inWord = true; words += 1 }
            }
            longest = max(longest, current)
            let counts = [lines, words, data.bytes.count, longest]
            for i in 0..<4 { totals[i] = i == 3 ? max(totals[i], counts[i]) : totals[i] + counts[i] }
            out += row(counts, operand == "-" && parsed.operands.isEmpty ? nil : operand)
            counted += 1
        }
        if operands.count > 1 { out += row(totals, "total") }
        try shell.writeOut(Array(out.utf8), provenance: provenance.applying(.hashed))
        return status
    }
}
