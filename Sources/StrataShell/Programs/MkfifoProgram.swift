/// `mkfifo [-m MODE] NAME...`: named pipes, created 0666 less the umask unless `-m` says.
struct MkfifoProgram: ShellProgram {
    static let names = ["mkfifo"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "", valued: "m")
        if let bad = parsed.invalid { return shell.invalidOption("mkfifo", bad) }
        var mode = 0o666 & ~shell.umask
        if let text = parsed.values["m"] {
            guard let parsedMode = ChmodProgram.parseMode(text, current: 0o666, isDirectory: false) else {
                shell.programError("mkfifo", "invalid mode '\(text)'")
                return 1
            }
            mode = parsedMode
        }
        guard !parsed.operands.isEmpty else {
            shell.programError("mkfifo", "missing operand")
            return 1
        }
        var status: Int32 = 0
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            do {
                try shell.fs.makeFifo(path, mode: mode)
                shell.record(path, .clean)
            } catch {
                shell.programError("mkfifo", "\(operand): \(error.message)")
                status = 1
            }
        }
        return status
    }
}
