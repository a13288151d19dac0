/// `mkdir [-p] [-m MODE] DIR...`.
struct MakeDirectoryProgram: ShellProgram {
    static let names = ["mkdir"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "pv", valued: "m")
        if let bad = parsed.invalid { return shell.invalidOption("mkdir", bad) }
        var mode: UInt32?
        if let text = parsed.values["m"] {
            guard let parsedMode = ChmodProgram.parseMode(text, current: 0o777 & ~shell.umask, isDirectory: true) else {
                shell.programError("mkdir", "invalid mode '\(text)'")
                return 1
            }
            mode = parsedMode
        }
        var status: Int32 = 0
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            if parsed.has("p") {
                var current = ""
                var failed = false
                for part in path.split(separator: "/") {
                    current += "/" + part
                    if let existing = try? shell.fs.stat(current) {
                        if existing.kind != .directory {
                            shell.programError("mkdir", "can't create directory '\(operand)': Not a directory")
                            failed = true
                            break
                        }
                        continue
                    }
                    do { try shell.fs.mkdir(current, mode: 0o777 & ~shell.umask) } catch {
                        shell.programError("mkdir", "can't create directory '\(operand)': \(error.message)")
                        failed = true
                        break
                    }
                    shell.record(current, .clean)
                }
                if failed { status = 1; continue }
                if let mode { try? shell.fs.chmod(path, mode: mode) }
                continue
            }
            do {
                try shell.fs.mkdir(path, mode: 0o777 & ~shell.umask)
                shell.record(path, .clean)
                if let mode { try? shell.fs.chmod(path, mode: mode) }
            } catch {
                shell.programError("mkdir", "can't create directory '\(operand)': \(error.message)")
                status = 1
            }
        }
        return status
    }
}
