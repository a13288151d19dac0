/// `which NAME...`.
struct WhichProgram: ShellProgram {
    static let names = ["which"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var status: Int32 = 0
        for name in invocation.args {
            if let path = shell.lookupCommand(name) { try shell.writeOut(path + "\n") } else { status = 1 }
        }
        return status
    }
}
