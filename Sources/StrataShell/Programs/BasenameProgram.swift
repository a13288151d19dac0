/// `basename PATH [SUFFIX]`.
struct BasenameProgram: ShellProgram {
    static let names = ["basename"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let args = invocation.args
        guard let path = args.first else { shell.programError("basename", "missing operand"); return 1 }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var base = trimmed == "/" ? "/" : ShellPath.base(trimmed)
        if args.count > 1, base != args[1], base.hasSuffix(args[1]) { base.removeLast(args[1].count) }
        try shell.writeOut(Array((base + "\n").utf8), provenance: invocation.argumentProvenance.applying(.substituted))
        return 0
    }
}
