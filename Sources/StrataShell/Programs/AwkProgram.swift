/// `awk [-F SEP] [-v NAME=VALUE]... 'PROGRAM' [FILE...]`: the awk subset Dockerfiles use. A
/// program outside it fails with a clear message rather than doing something different.
struct AwkProgram: ShellProgram {
    static let names = ["awk"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.arguments[...]
        var separator: String?
        var assignments: [(String, String)] = []
        var programText: String?
        while let arg = args.first, arg.text.hasPrefix("-"), arg.text.count > 1 {
            args.removeFirst()
            let text = arg.text
            if text == "--" { break }
            if text.hasPrefix("-F") {
                separator = text.count > 2 ? String(text.dropFirst(2)) : args.popFirst()?.text
            } else if text.hasPrefix("-v") {
                let assignment = text.count > 2 ? String(text.dropFirst(2)) : (args.popFirst()?.text ?? "")
                if let eq = assignment.firstIndex(of: "=") {
                    assignments.append((String(assignment[..<eq]), String(assignment[assignment.index(after: eq)...])))
                }
            } else if text == "-f", let file = args.popFirst() {
                guard let data = shell.readOperand(file.text, program: "awk") else { return 2 }
                programText = data.text
            } else {
                return shell.invalidOption("awk", text.dropFirst().first ?? "?")
            }
        }
        if programText == nil {
            guard let first = args.popFirst() else { shell.programError("awk", "usage: awk [OPTIONS] PROGRAM [FILE]..."); return 1 }
            programText = first.text
        }
        if separator == "t" { separator = "\t" }
        let rules: [AwkRule]
        do {
            var parser = try AwkParser(programText ?? "")
            rules = try parser.parseProgram()
        } catch {
            shell.programError("awk", "cmd. line:1: \(error.message)")
            return 2
        }
        var lines: [String] = []
        var provenance = Provenance.clean
        var status: Int32 = 0
        let operands = args.map(\.text)
        var fileOperands: [String] = []
        for operand in operands {
            if let eq = operand.firstIndex(of: "="), !operand.hasPrefix("/"), operand[..<eq].allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
                assignments.append((String(operand[..<eq]), String(operand[operand.index(after: eq)...])))
            } else {
                fileOperands.append(operand)
            }
        }
        let needsInput = rules.contains { if case .begin = $0.pattern { return false }; return true }
        if needsInput {
            for operand in fileOperands.isEmpty ? ["-"] : fileOperands {
                guard let data = shell.readOperand(operand, program: "awk", canOpenStyle: true) else { status = 2; continue }
                provenance.merge(data.provenance)
                lines += splitLines(data.bytes).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        var machine = AwkMachine(rules: rules, shell: shell, assignments: assignments, fieldSeparator: separator)
        machine.inputProvenance = provenance.applying(.substituted)
        let sink = OutputSink(.pipe)
        let saved = shell.fds[1]
        shell.fds[1] = .output(sink)
        let code: Int32
        do {
            code = try machine.run(input: lines)
        } catch {
            shell.fds[1] = saved
            throw error
        }
        shell.fds[1] = saved
        try shell.writeOut(sink.bytes, provenance: provenance.applying(.substituted).merged(with: sink.provenance))
        return status != 0 ? status : code
    }
}
