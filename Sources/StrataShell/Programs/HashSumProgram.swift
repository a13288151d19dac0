import StrataSupport

/// `sha256sum`, `sha1sum`, `md5sum` (and `-c` checking).
struct HashSumProgram: ShellProgram {
    static let names = ["sha256sum", "sha1sum", "md5sum", "sha512sum"]

    static func digest(_ name: String, _ bytes: [UInt8]) -> String {
        switch name {
        case "md5sum": return Hex.encode(MD5.hash(bytes))
        case "sha1sum": return Hex.encode(SHA1.hash(bytes))
        default: return Hex.encode(SHA256.hash(bytes))
        }
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let name = invocation.name
        let parsed = ParsedOptions(invocation.arguments, flags: "cswb")
        if let bad = parsed.invalid { return shell.invalidOption(name, bad) }
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        var out = ""
        var status: Int32 = 0
        var provenance = Provenance.clean
        for operand in operands {
            guard let data = shell.readOperand(operand, program: name, canOpenStyle: true) else { status = 1; continue }
            if parsed.has("c") {
                for line in splitLines(data.bytes) {
                    let text = String(decoding: line, as: UTF8.self)
                    guard let space = text.firstIndex(of: " ") else { continue }
                    let expected = String(text[..<space])
                    let file = String(text[text.index(after: space)...]).trimmingCharacters(in: " *")
                    guard let content = shell.readOperand(file, program: name, canOpenStyle: true) else { status = 1; continue }
                    let ok = digest(name, content.bytes) == expected.lowercased()
                    if !ok { status = 1 }
                    if !parsed.has("s") { out += "\(file): \(ok ? "OK" : "FAILED")\n" }
                }
                continue
            }
            provenance.merge(data.provenance)
            out += digest(name, data.bytes) + "  " + operand + "\n"
        }
        try shell.writeOut(Array(out.utf8), provenance: provenance.applying(.hashed))
        return status
    }
}
