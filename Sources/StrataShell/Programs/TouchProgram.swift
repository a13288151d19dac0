/// `touch [-c] [-d DATE] [-r FILE] FILE...`: the clock is the run's fixed clock.
struct TouchProgram: ShellProgram {
    static let names = ["touch"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "cham", valued: "drt")
        if let bad = parsed.invalid { return shell.invalidOption("touch", bad) }
        var time = shell.clock
        if let reference = parsed.values["r"] {
            guard let info = try? shell.fs.stat(shell.absolute(reference)) else {
                shell.programError("touch", "\(reference): No such file or directory")
                return 1
            }
            time = info.modificationTime
        }
        var status: Int32 = 0
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            if shell.fs.exists(path) {
                try? shell.fs.utime(path, modificationTime: time)
                continue
            }
            if parsed.has("c") { continue }
            if let failure = try shell.writeFile(path, ProvenancedBytes(), mode: 0o666, applyUmask: true) {
                shell.programError("touch", "\(operand): \(failure.message)")
                status = 1
                continue
            }
            try? shell.fs.utime(path, modificationTime: time)
        }
        return status
    }
}
