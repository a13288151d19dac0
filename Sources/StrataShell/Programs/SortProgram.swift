/// `sort [-rnuf] [-t SEP] [-k KEY] [-o FILE] [FILE...]`, stable, over bytes.
struct SortProgram: ShellProgram {
    static let names = ["sort"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "rnufbdgMcsVh", valued: "tko")
        if let bad = parsed.invalid { return shell.invalidOption("sort", bad) }
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        // All input in one buffer, lines as ranges: no array per line, keys computed once.
        var buffer: [UInt8] = []
        var provenance = Provenance.clean
        for operand in operands {
            guard let data = shell.readOperand(operand, program: "sort") else { return 2 }
            provenance.merge(data.provenance)
            if !buffer.isEmpty && buffer.last != 0x0A { buffer.append(0x0A) }
            buffer += data.bytes
        }
        let lines = lineRanges(buffer)
        let separator = parsed.values["t"]?.utf8.first
        let keyField = parsed.values["k"].flatMap { Int($0.split(separator: ",").first?.split(separator: ".").first ?? "") }
        /// The key is always a suffix of the line: from the start of field `keyField` on.
        func keyStart(_ line: Range<Int>) -> Int {
            guard let keyField else { return line.lowerBound }
            var i = line.lowerBound
            if let separator {
                var field = 1
                while field < keyField {
                    while i < line.upperBound && buffer[i] != separator { i += 1 }
                    if i == line.upperBound { return line.upperBound }
                    i += 1
                    field += 1
                }
                return i
            }
            var fieldIndex = 1
            while fieldIndex < keyField && i < line.upperBound {
                while i < line.upperBound && (buffer[i] == 0x20 || buffer[i] == 0x09) { i += 1 }
                while i < line.upperBound && buffer[i] != 0x20 && buffer[i] != 0x09 { i += 1 }
                fieldIndex += 1
            }
            return i
        }
        let keys = lines.map { keyStart($0)..<$0.upperBound }
        let numeric = parsed.has("n") || parsed.has("g")
        let fold = parsed.has("f")
        func number(_ range: Range<Int>) -> Double {
            let text = String(decoding: buffer[range], as: UTF8.self).trimmingLeadingSpaces
            var prefix = ""
            for c in text { if c.isNumber || (prefix.isEmpty && c == "-") || (c == "." && !prefix.contains(".")) { prefix.append(c) } else { break } }
            return Double(prefix) ?? 0
        }
        let numbers = numeric ? keys.map(number) : []
        let unique = parsed.has("u")
        let reverse = parsed.has("r")
        var order: [Int] = []
        var sorted: [Int] = []
        buffer.withUnsafeBufferPointer { bytes in
            func compare(_ x: Int, _ y: Int) -> Int {
                if numeric {
                    let na = numbers[x], nb = numbers[y]
                    if na != nb { return na < nb ? -1 : 1 }
                } else {
                    let c = compareBytes(bytes, keys[x], keys[y], fold: fold)
                    if c != 0 { return c }
                }
                // busybox's last resort: whole lines byte by byte (so `sort -f` puts A before a).
                if unique { return 0 }
                return compareBytes(bytes, lines[x], lines[y])
            }
            // Stable: equal lines keep their input order.
            order = Array(lines.indices).sorted { x, y in
                let c = compare(x, y)
                if c != 0 { return reverse ? c > 0 : c < 0 }
                return x < y
            }
            if unique {
                for index in order where sorted.last.map({ compare($0, index) != 0 }) ?? true { sorted.append(index) }
            } else {
                sorted = order
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count + 1)
        for index in sorted {
            out += buffer[lines[index]]
            out.append(0x0A)
        }
        if let output = parsed.values["o"] {
            _ = try shell.writeFile(output, ProvenancedBytes(out, provenance: provenance.applying(.copied)))
            return 0
        }
        try shell.writeOut(out, provenance: provenance.applying(.copied))
        return 0
    }
}
