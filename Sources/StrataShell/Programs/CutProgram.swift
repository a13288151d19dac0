/// `cut -d DELIM -f LIST | -c LIST | -b LIST [-s] [FILE...]`.
struct CutProgram: ShellProgram {
    static let names = ["cut"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "snF", valued: "dfcbO")
        if let bad = parsed.invalid { return shell.invalidOption("cut", bad) }
        let listText = parsed.values["f"] ?? parsed.values["c"] ?? parsed.values["b"]
        guard let listText else { shell.programError("cut", "expected a list of bytes, characters, or fields"); return 1 }
        guard let ranges = parseList(listText) else { shell.programError("cut", "invalid byte or field list"); return 1 }
        let fieldMode = parsed.values["f"] != nil
        let delimiter = parsed.values["d"].flatMap { $0.utf8.first } ?? 0x09
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        var out: [UInt8] = []
        var provenance = Provenance.clean
        var status: Int32 = 0
        for operand in operands {
            guard let data = shell.readOperand(operand, program: "cut") else { status = 1; continue }
            provenance.merge(data.provenance)
            for line in splitLines(data.bytes) {
                if fieldMode {
                    let fields = line.split(separator: delimiter, omittingEmptySubsequences: false)
                    if fields.count == 1 {
                        if !parsed.has("s") { out += line + [0x0A] }
                        continue
                    }
                    var picked: [[UInt8]] = []
                    for (index, field) in fields.enumerated() where contains(ranges, index + 1) { picked.append(Array(field)) }
                    out += Array(picked.joined(separator: [delimiter])) + [0x0A]
                } else {
                    for (index, b) in line.enumerated() where contains(ranges, index + 1) { out.append(b) }
                    out.append(0x0A)
                }
            }
        }
        try shell.writeOut(out, provenance: provenance.applying(.substituted))
        return status
    }

    static func parseList(_ text: String) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",") {
            if let dash = part.firstIndex(of: "-") {
                let lo = part[..<dash].isEmpty ? 1 : Int(part[..<dash])
                let hi = part[part.index(after: dash)...].isEmpty ? Int.max : Int(part[part.index(after: dash)...])
                guard let lo, let hi, lo >= 1, lo <= hi else { return nil }
                ranges.append(lo...hi)
            } else {
                guard let n = Int(part), n >= 1 else { return nil }
                ranges.append(n...n)
            }
        }
        return ranges.isEmpty ? nil : ranges
    }

    static func contains(_ ranges: [ClosedRange<Int>], _ n: Int) -> Bool { ranges.contains { $0.contains(n) } }
}
