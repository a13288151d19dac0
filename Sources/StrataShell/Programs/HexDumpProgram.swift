/// `xxd [-p] [-r -p] [FILE]` and `od [-c] [-A n|o|d|x] [-t x1|o1|c|o2] [FILE]`: the dumps
/// Dockerfiles use to turn bytes into hex. Output provenance records the `hex` transform.
struct HexDumpProgram: ShellProgram {
    static let names = ["xxd", "od"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        if invocation.name == "xxd" { return try xxd(shell, invocation) }
        return try od(shell, invocation)
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    static func xxd(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "pru")
        if let bad = parsed.invalid { return shell.invalidOption("xxd", bad) }
        guard let data = shell.readOperand(parsed.operands.first ?? "-", program: "xxd") else { return 2 }
        if parsed.has("r") {
            var out: [UInt8] = []
            var pending: Int?
            for b in data.bytes {
                guard let v = Escapes.hexValue(b) else { continue }
                if let high = pending { out.append(UInt8(high << 4 | v)); pending = nil } else { pending = v }
            }
            try shell.writeOut(out, provenance: data.provenance.applying(.hex))
            return 0
        }
        var text = ""
        if parsed.has("p") {
            var index = 0
            while index < data.bytes.count {
                text += data.bytes[index..<min(index + 30, data.bytes.count)].map(hex).joined() + "\n"
                index += 30
            }
        } else {
            var offset = 0
            while offset < data.bytes.count {
                let row = Array(data.bytes[offset..<min(offset + 16, data.bytes.count)])
                var groups: [String] = []
                var i = 0
                while i < row.count {
                    groups.append(row[i..<min(i + 2, row.count)].map(hex).joined())
                    i += 2
                }
                var hexPart = groups.joined(separator: " ")
                hexPart += String(repeating: " ", count: max(0, 39 - hexPart.count))
                let ascii = String(row.map { $0 >= 32 && $0 < 127 ? Character(Unicode.Scalar($0)) : "." })
                text += zeroPadded(offset, width: 8, radix: 16) + ": " + hexPart + "  " + ascii + "\n"
                offset += 16
            }
        }
        try shell.writeOut(Array(text.utf8), provenance: data.provenance.applying(.hex))
        return 0
    }

    static func od(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var arguments: [ShellString] = []
        for arg in invocation.arguments {
            // Split attached forms: -An, -tx1.
            if arg.text.hasPrefix("-A") && arg.text.count > 2 { arguments += [ShellString("-A"), ShellString(String(arg.text.dropFirst(2)))]; continue }
            if arg.text.hasPrefix("-t") && arg.text.count > 2 { arguments += [ShellString("-t"), ShellString(String(arg.text.dropFirst(2)))]; continue }
            arguments.append(arg)
        }
        let parsed = ParsedOptions(arguments, flags: "cbdoxv", valued: "At")
        if let bad = parsed.invalid { return shell.invalidOption("od", bad) }
        var bytes: [UInt8] = []
        var provenance = Provenance.clean
        for operand in parsed.operands.isEmpty ? ["-"] : parsed.operands {
            guard let data = shell.readOperand(operand, program: "od") else { return 1 }
            bytes += data.bytes
            provenance.merge(data.provenance)
        }
        let radix = parsed.values["A"] ?? "o"
        var type = parsed.values["t"] ?? "o2"
        if parsed.has("c") { type = "c" } else if parsed.has("x") { type = "x2" } else if parsed.has("b") { type = "o1" }
        func address(_ n: Int) -> String {
            switch radix {
            case "n": return ""
            case "d": return zeroPadded(n, width: 7)
            case "x": return zeroPadded(n, width: 6, radix: 16)
            default: return zeroPadded(n, width: 7, radix: 8)
            }
        }
        func item(_ row: ArraySlice<UInt8>, _ i: Int) -> String {
            let b = row[i]
            switch type {
            case "c":
                let names: [UInt8: String] = [0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r"]
                if let name = names[b] { return String(repeating: " ", count: 4 - name.count) + name }
                if b >= 32 && b < 127 { return "   " + String(Character(Unicode.Scalar(b))) }
                return " " + zeroPadded(Int(b), width: 3, radix: 8)
            case "x1": return " " + hex(b)
            case "o1": return " " + zeroPadded(Int(b), width: 3, radix: 8)
            case "d1", "u1": return " " + String(repeating: " ", count: max(0, 3 - String(b).count)) + String(b)
            default: return ""
            }
        }
        var text = ""
        var offset = 0
        while offset < bytes.count {
            let row = bytes[offset..<min(offset + 16, bytes.count)]
            var line = address(offset)
            if type == "o2" || type == "x2" {
                var i = row.startIndex
                while i < row.endIndex {
                    let low = Int(row[i])
                    let high = i + 1 < row.endIndex ? Int(row[i + 1]) : 0
                    let word = high << 8 | low
                    line += " " + (type == "o2" ? zeroPadded(word, width: 6, radix: 8) : zeroPadded(word, width: 4, radix: 16))
                    i += 2
                }
            } else {
                for i in row.indices { line += item(row, i) }
            }
            text += line + "\n"
            offset += 16
        }
        if radix != "n" { text += address(bytes.count) + "\n" }
        try shell.writeOut(Array(text.utf8), provenance: provenance.applying(.hex))
        return 0
    }
}
