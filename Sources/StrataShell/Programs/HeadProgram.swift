/// `head [-n N] [-c N] [FILE...]` and `tail [-n [+]N] [-c N] [FILE...]`.
struct HeadProgram: ShellProgram {
    static let names = ["head", "tail"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let name = invocation.name
        var arguments = invocation.arguments
        // Old-style `head -5`.
        arguments = arguments.enumerated().map { index, arg in
            let previous = index > 0 ? arguments[index - 1].text : ""
            if previous != "-n" && previous != "-c", arg.text.count > 1, arg.text.hasPrefix("-"), arg.text.dropFirst().allSatisfy(\.isNumber) {
                return ShellString("-n" + arg.text.dropFirst())
            }
            return arg
        }
        let parsed = ParsedOptions(arguments, flags: "qvf", valued: "nc")
        if let bad = parsed.invalid { return shell.invalidOption(name, bad) }
        let countText = parsed.values["n"] ?? parsed.values["c"] ?? "10"
        let fromStart = countText.hasPrefix("+")
        guard let count = Int(countText.hasPrefix("+") || countText.hasPrefix("-") ? String(countText.dropFirst()) : countText) else {
            shell.programError(name, "invalid number '\(countText)'")
            return 1
        }
        let negative = countText.hasPrefix("-")
        let bytesMode = parsed.values["c"] != nil
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        var status: Int32 = 0
        var out: [UInt8] = []
        var provenance = Provenance.clean
        var opened = 0
        for (index, operand) in operands.enumerated() {
            if operand == "/dev/zero" && name == "head" && bytesMode && !negative && operands.count == 1 {
                // Endless zeros, of which head takes `count`: written in blocks so that the
                // write limit trips on `head -c 10G /dev/zero > f` before memory does.
                var left = count
                while left > 0 {
                    let block = min(left, 65536)
                    try shell.writeOut([UInt8](repeating: 0, count: block), provenance: .clean)
                    left -= block
                }
                return 0
            }
            guard let data = shell.readOperand(operand, program: name, canOpenStyle: name == "tail") else { status = 1; continue }
            opened += 1
            provenance.merge(data.provenance)
            if operands.count > 1 && !parsed.has("q") {
                out += Array(((index > 0 ? "\n" : "") + "==> \(operand == "-" ? "standard input" : operand) <==\n").utf8)
            }
            if bytesMode {
                if name == "head" {
                    out += negative ? Array(data.bytes.dropLast(count)) : Array(data.bytes.prefix(count))
                } else {
                    out += fromStart ? Array(data.bytes.dropFirst(max(0, count - 1))) : Array(data.bytes.suffix(count))
                }
                continue
            }
            if name == "head" && !negative {
                // Only scan as far as needed: the input may be large.
                var seen = 0
                var end = 0
                while end < data.bytes.count && seen < count {
                    if data.bytes[end] == 0x0A { seen += 1 }
                    end += 1
                }
                out += data.bytes[..<end]
                continue
            }
            let lines = splitLinesKeepingEnd(data.bytes)
            let selected: ArraySlice<[UInt8]>
            if name == "head" {
                selected = negative ? lines.dropLast(count) : lines.prefix(count)
            } else {
                selected = fromStart ? lines.dropFirst(max(0, count - 1)) : lines.suffix(count)
            }
            for line in selected { out += line }
        }
        if name == "tail" && opened == 0 && !operands.isEmpty {
            shell.programError(name, "no files")
        }
        try shell.writeOut(out, provenance: provenance.applying(.copied))
        return status
    }
}
