/// `mktemp [-d] [-p DIR] [TEMPLATE]` with deterministic names.
struct MktempProgram: ShellProgram {
    static let names = ["mktemp"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "dqtu", valued: "p")
        if let bad = parsed.invalid { return shell.invalidOption("mktemp", bad) }
        let template = parsed.operands.first ?? "tmp.XXXXXX"
        let directory = parsed.values["p"] ?? (parsed.operands.isEmpty || parsed.has("t") ? (shell.value("TMPDIR")?.text ?? "/tmp") : nil)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        while true {
            shell.mktempCounter += 1
            var seed = UInt64(shell.mktempCounter) &* 0x9E3779B97F4A7C15
            var name = ""
            var xs = 0
            for c in template.reversed() {
                if c == "X" && xs == name.count {
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    name.append(alphabet[Int(seed >> 33) % alphabet.count])
                    xs += 1
                } else {
                    name.append(c)
                }
            }
            name = String(name.reversed())
            let path = directory.map { ShellPath.join(shell.absolute($0), name) } ?? shell.absolute(name)
            if shell.fs.exists(path) { continue }
            if parsed.has("d") {
                do { try shell.fs.mkdir(path, mode: 0o700) } catch {
                    shell.programError("mktemp", "\(error.message)")
                    return 1
                }
                shell.record(path, .clean)
            } else if !parsed.has("u") {
                if let failure = try shell.writeFile(path, ProvenancedBytes(), mode: 0o600, applyUmask: false) {
                    shell.programError("mktemp", failure.message)
                    return 1
                }
            }
            try shell.writeOut((directory == nil ? name : path) + "\n")
            return 0
        }
    }
}
