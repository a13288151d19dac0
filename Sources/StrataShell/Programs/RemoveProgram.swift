/// `rm [-rRf] FILE...`: never follows symlinks while recursing.
struct RemoveProgram: ShellProgram {
    static let names = ["rm"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "rRfiv")
        if let bad = parsed.invalid { return shell.invalidOption("rm", bad) }
        let recursive = parsed.has("r") || parsed.has("R")
        let force = parsed.has("f")
        var status: Int32 = 0
        for operand in parsed.operands {
            let base = ShellPath.base(operand.hasSuffix("/") ? String(operand.dropLast()) : operand)
            if base == "." || base == ".." {
                shell.programError("rm", "can't remove '.' or '..'")
                status = 1
                continue
            }
            if !remove(shell, shell.absolute(operand), display: operand, recursive: recursive, force: force) { status = 1 }
        }
        return status
    }

    static func remove(_ shell: Interpreter, _ path: String, display: String, recursive: Bool, force: Bool) -> Bool {
        guard let status = try? shell.fs.lstat(path) else {
            if force { return true }
            shell.programError("rm", "can't remove '\(display)': No such file or directory")
            return false
        }
        if status.kind == .directory {
            guard recursive else {
                shell.programError("rm", "'\(display)' is a directory")
                return false
            }
            var ok = true
            for name in (try? shell.fs.listDirectory(path)) ?? [] {
                if !remove(shell, ShellPath.join(path, name), display: display.hasSuffix("/") ? display + name : display + "/" + name, recursive: true, force: force) { ok = false }
            }
            if !ok { return false }
        }
        do { try shell.fs.remove(path) } catch {
            shell.programError("rm", "can't remove '\(display)': \(error.message)")
            return false
        }
        shell.forget(path)
        return true
    }
}
