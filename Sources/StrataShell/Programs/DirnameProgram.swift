/// `dirname PATH`.
struct DirnameProgram: ShellProgram {
    static let names = ["dirname"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        guard let path = invocation.args.first else { shell.programError("dirname", "missing operand"); return 1 }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var dir: String
        if let slash = trimmed.lastIndex(of: "/") {
            dir = String(trimmed[..<slash])
            while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
            if dir.isEmpty { dir = "/" }
        } else {
            dir = "."
        }
        try shell.writeOut(Array((dir + "\n").utf8), provenance: invocation.argumentProvenance.applying(.substituted))
        return 0
    }
}
