/// `rev [FILE]`.
struct RevProgram: ShellProgram {
    static let names = ["rev"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        guard let data = shell.readOperand(invocation.args.first ?? "-", program: "rev") else { return 1 }
        var out: [UInt8] = []
        for line in splitLines(data.bytes) { out += Array(String(String(decoding: line, as: UTF8.self).reversed()).utf8) + [0x0A] }
        try shell.writeOut(out, provenance: data.provenance.applying(.substituted))
        return 0
    }
}
