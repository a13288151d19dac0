/// `uname [-amnrsv]`, `hostname`, `nproc`: fixed answers, so builds stay reproducible.
struct SystemInfoProgram: ShellProgram {
    static let names = ["uname", "hostname", "nproc", "arch"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        switch invocation.name {
        case "hostname": try shell.writeOut((shell.value("HOSTNAME")?.text ?? "buildkitsandbox") + "\n")
        case "nproc": try shell.writeOut("1\n")
        case "arch": try shell.writeOut("x86_64\n")
        default:
            let flags = invocation.args.joined()
            var parts: [String] = []
            if flags.contains("a") { parts = ["Linux", "buildkitsandbox", "6.1.0", "#1 SMP", "x86_64", "GNU/Linux"] } else {
                if flags.isEmpty || flags.contains("s") { parts.append("Linux") }
                if flags.contains("n") { parts.append("buildkitsandbox") }
                if flags.contains("r") { parts.append("6.1.0") }
                if flags.contains("m") { parts.append("x86_64") }
            }
            try shell.writeOut(parts.joined(separator: " ") + "\n")
        }
        return 0
    }
}
