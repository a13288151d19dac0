/// `rmdir [-p] DIR...`.
struct RemoveDirectoryProgram: ShellProgram {
    static let names = ["rmdir"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "pv")
        if let bad = parsed.invalid { return shell.invalidOption("rmdir", bad) }
        var status: Int32 = 0
        for operand in parsed.operands {
            var display = operand
            while true {
                let path = shell.absolute(display)
                do throws(FileSystemError) {
                    let info = try shell.fs.lstat(path)
                    guard info.kind == .directory else { throw FileSystemError.notADirectory(path) }
                    try shell.fs.remove(path)
                    shell.forget(path)
                } catch {
                    shell.programError("rmdir", "'\(display)': \(error.message)")
                    status = 1
                    break
                }
                guard parsed.has("p"), display.contains("/") else { break }
                display = String(display[..<(display.lastIndex(of: "/") ?? display.startIndex)])
                if display.isEmpty { break }
            }
        }
        return status
    }
}
