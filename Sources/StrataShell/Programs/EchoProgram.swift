/// `echo [-neE] ARGS`: busybox interprets escapes only with `-e`.
struct EchoProgram: ShellProgram {
    static let names = ["echo"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.arguments
        var newline = true
        var escapes = false
        while let first = args.first?.text, first.count > 1, first.hasPrefix("-"), first.dropFirst().allSatisfy({ "neE".contains($0) }) {
            for flag in first.dropFirst() {
                if flag == "n" { newline = false } else if flag == "e" { escapes = true } else { escapes = false }
            }
            args.removeFirst()
        }
        var bytes = Array(args.map(\.text).joined(separator: " ").utf8)
        var stop = false
        if escapes { (bytes, stop) = Escapes.interpretBytes(String(decoding: bytes, as: UTF8.self), octalNeedsZero: true) }
        if newline && !stop { bytes.append(0x0A) }
        try shell.writeOut(bytes, provenance: invocation.argumentProvenance.applying(.copied))
        return 0
    }
}
