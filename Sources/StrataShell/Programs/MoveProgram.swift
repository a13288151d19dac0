/// `mv [-fin] SOURCE... DEST`.
struct MoveProgram: ShellProgram {
    static let names = ["mv"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "finvT")
        if let bad = parsed.invalid { return shell.invalidOption("mv", bad) }
        guard parsed.operands.count >= 2, let destination = parsed.operands.last else {
            shell.programError("mv", "missing file operand")
            return 1
        }
        let sources = parsed.operands.dropLast()
        let destPath = shell.absolute(destination)
        let destIsDir = shell.fs.isDirectory(destPath)
        if sources.count > 1 && !destIsDir {
            shell.programError("mv", "'\(destination)' is not a directory")
            return 1
        }
        var status: Int32 = 0
        for source in sources {
            let sourcePath = shell.absolute(source)
            let target = destIsDir ? ShellPath.join(destPath, ShellPath.base(sourcePath)) : destPath
            guard let sourceStatus = try? shell.fs.lstat(sourcePath) else {
                shell.programError("mv", "can't rename '\(source)': No such file or directory")
                status = 1
                continue
            }
            if parsed.has("n") && (try? shell.fs.lstat(target)) != nil { continue }
            do {
                try shell.fs.rename(sourcePath, to: target)
                if sourceStatus.kind == .regular { shell.record((try? shell.fs.realpath(target)) ?? target, (try? shell.fs.readFile(target))?.provenance ?? .clean) }
            } catch {
                shell.programError("mv", "can't rename '\(source)': \(error.message)")
                status = 1
            }
        }
        return status
    }
}
