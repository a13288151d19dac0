/// `true`.
struct TrueProgram: ShellProgram {
    static let names = ["true"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 { 0 }
}
