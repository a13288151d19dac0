/// `sed [-nEri] [-e SCRIPT]... [-f FILE] [SCRIPT] [FILE...]`: the commands Dockerfiles use
/// (`s`, `d`, `p`, `a`, `i`, `c`, `y`, `q`, `=`, `n`, `N`, hold space, `b`/`t` labels, blocks).
struct SedProgram: ShellProgram {
    static let names = ["sed"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var scripts: [String] = []
        var rest: [ShellString] = []
        var inPlace = false
        var args = invocation.arguments[...]
        while let arg = args.popFirst() {
            let text = arg.text
            if text == "-e", let value = args.popFirst() { scripts.append(value.text); continue }
            if text == "-f", let value = args.popFirst() {
                guard let data = shell.readOperand(value.text, program: "sed") else { return 1 }
                scripts.append(data.text)
                continue
            }
            if text.hasPrefix("-i") || text == "--in-place" { inPlace = true; continue }
            if text.hasPrefix("-") && text.count > 1 && text.dropFirst().allSatisfy({ "nErsu".contains($0) }) {
                rest.append(arg)
                continue
            }
            if text.hasPrefix("-") && text.count > 1 && text.contains("i") && text.dropFirst().allSatisfy({ "nEri".contains($0) }) {
                inPlace = true
                rest.append(ShellString(String(text.filter { $0 != "i" })))
                continue
            }
            rest.append(arg)
        }
        let parsed = ParsedOptions(rest, flags: "nErsu")
        if let bad = parsed.invalid { return shell.invalidOption("sed", bad) }
        var operands = parsed.operands
        if scripts.isEmpty {
            guard !operands.isEmpty else { shell.programError("sed", "no script specified"); return 1 }
            scripts = [operands.removeFirst()]
        }
        let program: SedScript
        do {
            program = try SedScript(scripts.joined(separator: "\n"), extended: parsed.has("E") || parsed.has("r"))
        } catch {
            shell.programError("sed", error.message)
            return 1
        }
        let quiet = parsed.has("n")
        var status: Int32 = 0
        if inPlace {
            for operand in operands {
                guard let data = shell.readOperand(operand, program: "sed") else { status = 4; continue }
                var state = SedState(script: program, quiet: quiet)
                let output = try state.process([data.bytes], shell: shell)
                let info = try? shell.fs.stat(shell.absolute(operand))
                _ = try shell.writeFile(operand, ProvenancedBytes(output, provenance: data.provenance.applying(.substituted).merged(with: state.extraProvenance)))
                if let info { try? shell.fs.chmod(shell.absolute(operand), mode: info.mode) }
            }
            return status
        }
        var inputs: [[UInt8]] = []
        var provenance = Provenance.clean
        for operand in operands.isEmpty ? ["-"] : operands {
            guard let data = shell.readOperand(operand, program: "sed") else { status = 1; continue }
            inputs.append(data.bytes)
            provenance.merge(data.provenance)
        }
        var state = SedState(script: program, quiet: quiet)
        let output = try state.process(inputs, shell: shell)
        try shell.writeOut(output, provenance: provenance.applying(.substituted).merged(with: state.extraProvenance))
        return state.exitCode ?? status
    }
}
