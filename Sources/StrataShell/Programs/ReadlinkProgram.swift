/// `readlink [-f] PATH` and `realpath PATH`.
struct ReadlinkProgram: ShellProgram {
    static let names = ["readlink", "realpath"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "fenqsv")
        if let bad = parsed.invalid { return shell.invalidOption(invocation.name, bad) }
        var status: Int32 = 0
        var out = ""
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            if parsed.has("f") || parsed.has("e") || invocation.name == "realpath" {
                if let real = try? shell.fs.realpath(path), parsed.has("f") || shell.fs.exists(real) || (invocation.name == "realpath" && shell.fs.isDirectory(ShellPath.parent(real))) {
                    out += real + (parsed.has("n") ? "" : "\n")
                } else {
                    if invocation.name == "realpath" { shell.programError("realpath", "\(operand): No such file or directory") }
                    status = 1
                }
            } else if let target = try? shell.fs.readlink(path) {
                out += target + (parsed.has("n") ? "" : "\n")
            } else {
                status = 1
            }
        }
        try shell.writeOut(out)
        return status
    }
}
