/// `tee [-a] FILE...`: stdin to stdout and to each file.
struct TeeProgram: ShellProgram {
    static let names = ["tee"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "ai")
        if let bad = parsed.invalid { return shell.invalidOption("tee", bad) }
        let input = readAllInputCopied(shell)
        var status: Int32 = 0
        for operand in parsed.operands {
            if let failure = try shell.writeFile(operand, input, append: parsed.has("a")) {
                shell.programError("tee", "\(operand): \(failure.message)")
                status = 1
            }
        }
        try shell.writeOut(input.bytes, provenance: input.provenance)
        return status
    }

    static func readAllInputCopied(_ shell: Interpreter) -> ProvenancedBytes {
        var input = shell.readAllInput()
        input.provenance = input.provenance.applying(.copied)
        return input
    }
}
