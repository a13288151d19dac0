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
        // Written in 4 KiB blocks as stdio would: a reader that stops early (`| head -1`)
        // breaks the pipe and ends the count long before a billion numbers.
        let width = pad ? max(String(first).count, String(last).count) : 0
        let separatorBytes = Array(separator.utf8)
        var block: [UInt8] = []
        block.reserveCapacity(4096 + 64)
        var emitted = 0
        var n = first
        while step > 0 ? n <= last : n >= last {
            if emitted > 0 { block += separatorBytes }
            let digits = String(n)
            if digits.count < width { block += Array(repeating: UInt8(ascii: "0"), count: width - digits.count) }
            block += digits.utf8
            emitted += 1
            if emitted > shell.limits.maxLoopIterations * 10 {
                throw .limit(ShellLimitViolation(kind: .output, message: "RUN exceeded the \(ShellLimitViolation.size(shell.limits.maxOutputBytes)) output limit"))
            }
            if block.count >= 4096 {
                try shell.writeOut(block, provenance: .clean)
                block.removeAll(keepingCapacity: true)
            }
            let (next, overflow) = n.addingReportingOverflow(step)
            if overflow { break }
            n = next
        }
        if emitted > 0 {
            block.append(0x0A)
            try shell.writeOut(block, provenance: .clean)
        }
        return 0
    }
}
