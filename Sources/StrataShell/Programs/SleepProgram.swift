/// `sleep N`: advances the simulated clock, never waits.
struct SleepProgram: ShellProgram {
    static let names = ["sleep"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var total = 0.0
        for arg in invocation.args {
            var text = arg
            var unit = 1.0
            if let last = text.last, "smhd".contains(last) {
                unit = ["s": 1, "m": 60, "h": 3600, "d": 86400][last] ?? 1
                text.removeLast()
            }
            guard let value = Double(text) else { shell.programError("sleep", "invalid number '\(arg)'"); return 1 }
            total += value * unit
        }
        try shell.advanceClock(Int(total.rounded(.up)))
        return 0
    }
}
