/// `yes [STRING]`: bounded by the output and write limits.
struct YesProgram: ShellProgram {
    static let names = ["yes"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let line = Array(((invocation.args.isEmpty ? "y" : invocation.args.joined(separator: " ")) + "\n").utf8)
        var chunk: [UInt8] = []
        while chunk.count < 65536 { chunk += line }
        guard case .output(let sink)? = shell.fds[1] else { return 0 }
        while true {
            // A reader whose demand is known (`head`) breaks the pipe when served; for any
            // other, 1 MiB of lines is far more than `yes | apt-get ...` reads.
            if case .pipe = sink.target, sink.demand == nil, sink.bytes.count + chunk.count > min(1 << 20, shell.limits.maxOutputBytes) {
                // The reader would have closed the pipe long before: end as if by SIGPIPE.
                return 141
            }
            try shell.write(chunk, provenance: invocation.argumentProvenance, to: sink)
        }
    }
}
