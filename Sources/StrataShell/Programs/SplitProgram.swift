/// `split [-l LINES | -b BYTES[kmg]] [-a SUFFIXLEN] [INPUT [PREFIX]]`: pieces named PREFIXaa,
/// PREFIXab, ... (busybox's coreutils/split.c, checked against the applet Tests/ShellOracle
/// builds, since Debian's build lacks it).
/// Every piece carries the input's provenance as a copy.
struct SplitProgram: ShellProgram {
    static let names = ["split"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "", valued: "lba")
        if let bad = parsed.invalid { return shell.invalidOption("split", bad) }
        let suffixLength = parsed.values["a"].flatMap { Int($0) } ?? 2
        var lines = 1000
        var bytes: Int?
        if let text = parsed.values["l"] {
            guard let value = Int(text), value > 0 else { shell.programError("split", "invalid number '\(text)'"); return 1 }
            lines = value
        }
        if let text = parsed.values["b"] {
            guard let value = TruncateProgram.parseSize(text), value > 0 else { shell.programError("split", "invalid number '\(text)'"); return 1 }
            bytes = value
        }
        let input = parsed.operands.first ?? "-"
        let prefix = parsed.operands.count > 1 ? parsed.operands[1] : "x"
        guard let data = shell.readOperand(input, program: "split", canOpenStyle: true) else { return 1 }
        var pieces: [[UInt8]] = []
        if let bytes {
            var offset = 0
            while offset < data.bytes.count {
                pieces.append(Array(data.bytes[offset..<min(data.bytes.count, offset + bytes)]))
                offset += bytes
            }
        } else {
            let all = splitLinesKeepingEnd(data.bytes)
            var index = 0
            while index < all.count {
                pieces.append(all[index..<min(all.count, index + lines)].flatMap { $0 })
                index += lines
            }
        }
        let provenance = data.provenance.applying(.copied)
        for (number, piece) in pieces.enumerated() {
            guard let suffix = suffix(number, length: suffixLength) else {
                shell.programError("split", "suffixes exhausted")
                return 1
            }
            if let failure = try shell.writeFile(prefix + suffix, ProvenancedBytes(piece, provenance: provenance)) {
                shell.programError("split", "can't open '\(prefix + suffix)': \(failure.message)")
                return 1
            }
        }
        return 0
    }

    /// `aa`, `ab`, ... `zz` for length 2; nil past the last.
    static func suffix(_ number: Int, length: Int) -> String? {
        var value = number
        var letters: [Character] = []
        for _ in 0..<length {
            letters.append(Character(UnicodeScalar(UInt8(97 + value % 26))))
            value /= 26
        }
        return value == 0 ? String(letters.reversed()) : nil
    }
}
