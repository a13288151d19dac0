/// `seq [-w] [-s SEP] [FIRST [INC]] LAST`.
struct SeqProgram: ShellProgram {
    static let names = ["seq"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.args
        var separator = "\n"
        var pad = false
        while let first = args.first, first.hasPrefix("-"), first.count > 1, !(first.dropFirst().first?.isNumber ?? false) {
            args.removeFirst()
            if first == "-s", !args.isEmpty { separator = args.removeFirst() } else if first == "-w" { pad = true }
        }
        let numbers = args.compactMap(Int.init)
        guard numbers.count == args.count, (1...3).contains(numbers.count) else {
            shell.programError("seq", "invalid arguments")
            return 1
        }
        let first = numbers.count > 1 ? numbers[0] : 1
        let step = numbers.count == 3 ? numbers[1] : 1
        let last = numbers[numbers.count - 1]
        guard step != 0 else { return 1 }
        var values: [String] = []
        var n = first
        while step > 0 ? n <= last : n >= last {
            values.append(String(n))
            if values.count > shell.limits.maxLoopIterations * 10 {
                throw .limit(ShellLimitViolation(kind: .output, message: "RUN exceeded the \(ShellLimitViolation.size(shell.limits.maxOutputBytes)) output limit"))
            }
            n += step
        }
        if pad {
            let width = max(String(first).count, String(last).count)
            values = values.map { String(repeating: "0", count: max(0, width - $0.count)) + $0 }
        }
        if !values.isEmpty { try shell.writeOut(values.joined(separator: separator) + "\n") }
        return 0
    }
}
