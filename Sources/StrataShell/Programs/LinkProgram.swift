/// `ln [-sfn] TARGET... LINK`.
struct LinkProgram: ShellProgram {
    static let names = ["ln"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "sfnbvT", valued: "S")
        if let bad = parsed.invalid { return shell.invalidOption("ln", bad) }
        var operands = parsed.operands
        guard !operands.isEmpty else { shell.programError("ln", "missing file operand"); return 1 }
        if operands.count == 1 { operands.append(".") }
        let linkName = operands.removeLast()
        let linkPath = shell.absolute(linkName)
        let intoDirectory: Bool
        if parsed.has("n") {
            intoDirectory = (try? shell.fs.lstat(linkPath))?.kind == .directory
        } else {
            intoDirectory = shell.fs.isDirectory(linkPath)
        }
        if operands.count > 1 && !intoDirectory {
            shell.programError("ln", "'\(linkName)' is not a directory")
            return 1
        }
        var status: Int32 = 0
        for target in operands {
            let base = ShellPath.base(target.hasSuffix("/") ? String(target.dropLast()) : target)
            let path = intoDirectory ? ShellPath.join(linkPath, base) : linkPath
            let display = intoDirectory ? (linkName.hasSuffix("/") ? linkName + base : linkName + "/" + base) : linkName
            if !parsed.has("s") && (try? shell.fs.stat(shell.absolute(target))) == nil {
                shell.programError("ln", "\(target): No such file or directory")
                status = 1
                continue
            }
            if (try? shell.fs.lstat(path)) != nil {
                if parsed.has("f") {
                    try? shell.fs.remove(path)
                } else {
                    shell.programError("ln", "\(display): File exists")
                    status = 1
                    continue
                }
            }
            do {
                if parsed.has("s") {
                    try shell.fs.symlink(target: target, at: path)
                } else {
                    try shell.fs.hardlink(existing: shell.absolute(target), at: path)
                }
                // A hard link shares the bytes, so it shares their provenance.
                let shared = parsed.has("s") ? .clean : ((try? shell.fs.readFile(path))?.provenance ?? .clean)
                shell.record(path, shared.applying(.copied))
            } catch {
                shell.programError("ln", "\(display): \(error.message)")
                status = 1
            }
        }
        return status
    }
}
