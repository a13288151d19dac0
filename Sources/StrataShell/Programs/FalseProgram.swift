/// `false`.
struct FalseProgram: ShellProgram {
    static let names = ["false"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 { 1 }
}
