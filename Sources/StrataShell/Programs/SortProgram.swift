/// `sort [-rnuf] [-t SEP] [-k KEY] [-o FILE] [FILE...]`, stable, over bytes.
struct SortProgram: ShellProgram {
    static let names = ["sort"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "rnufbdgMcsVh", valued: "tko")
        if let bad = parsed.invalid { return shell.invalidOption("sort", bad) }
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        var lines: [[UInt8]] = []
        var provenance = Provenance.clean
        for operand in operands {
            guard let data = shell.readOperand(operand, program: "sort") else { return 2 }
            provenance.merge(data.provenance)
            lines += splitLines(data.bytes)
        }
        let separator = parsed.values["t"]?.utf8.first
        let keyField = parsed.values["k"].flatMap { Int($0.split(separator: ",").first?.split(separator: ".").first ?? "") }
        func key(_ line: [UInt8]) -> [UInt8] {
            guard let keyField else { return line }
            if let separator {
                let fields = line.split(separator: separator, omittingEmptySubsequences: false)
                return keyField <= fields.count ? Array(fields[(keyField - 1)...].joined(separator: [separator])) : []
            }
            var fieldIndex = 1
            var i = 0
            while fieldIndex < keyField && i < line.count {
                while i < line.count && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
                while i < line.count && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
                fieldIndex += 1
            }
            return Array(line[i...])
        }
        let numeric = parsed.has("n") || parsed.has("g")
        let fold = parsed.has("f")
        func number(_ bytes: [UInt8]) -> Double {
            let text = String(decoding: bytes, as: UTF8.self).trimmingLeadingSpaces
            var prefix = ""
            for c in text { if c.isNumber || (prefix.isEmpty && c == "-") || (c == "." && !prefix.contains(".")) { prefix.append(c) } else { break } }
            return Double(prefix) ?? 0
        }
        func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
            let ka = key(a), kb = key(b)
            if numeric {
                let na = number(ka), nb = number(kb)
                if na != nb { return na < nb ? -1 : 1 }
            } else {
                let fa = fold ? ka.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : ka
                let fb = fold ? kb.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 } : kb
                if fa != fb { return fa.lexicographicallyPrecedes(fb) ? -1 : 1 }
                if keyField == nil { return 0 }
            }
            if parsed.has("u") { return 0 }
            return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        }
        let reverse = parsed.has("r")
        var sorted = lines.enumerated().sorted { x, y in
            let c = compare(x.element, y.element)
            if c != 0 { return reverse ? c > 0 : c < 0 }
            return x.offset < y.offset
        }.map(\.element)
        if parsed.has("u") {
            var unique: [[UInt8]] = []
            for line in sorted where unique.last.map({ compare($0, line) != 0 }) ?? true { unique.append(line) }
            sorted = unique
        }
        let out: [UInt8] = sorted.flatMap { (line: [UInt8]) -> [UInt8] in line + [0x0A] }
        if let output = parsed.values["o"] {
            _ = try shell.writeFile(output, ProvenancedBytes(out, provenance: provenance.applying(.copied)))
            return 0
        }
        try shell.writeOut(out, provenance: provenance.applying(.copied))
        return 0
    }
}
