/// `env [-i] [NAME=VALUE]... [COMMAND [ARG]...]`, and `printenv [NAME]`.
struct EnvProgram: ShellProgram {
    static let names = ["env", "printenv"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        if invocation.name == "printenv" {
            if let name = invocation.args.first {
                guard let value = shell.exportedEnvironment.first(where: { $0.0 == name })?.1 else { return 1 }
                try shell.writeOut(value.text + "\n", provenance: value.provenance.applying(.copied))
                return 0
            }
        }
        var args = invocation.arguments
        var environment = shell.exportedEnvironment
        while let first = args.first {
            if first.text == "-i" || first.text == "-" { environment = []; args.removeFirst(); continue }
            if first.text == "-u", args.count > 1 { let name = args[1].text; environment.removeAll { $0.0 == name }; args.removeFirst(2); continue }
            if let eq = first.text.firstIndex(of: "="), !first.text.hasPrefix("=") {
                let name = String(first.text[..<eq])
                environment.removeAll { $0.0 == name }
                environment.append((name, ShellString(String(first.text[first.text.index(after: eq)...]), provenance: first.provenance)))
                args.removeFirst()
                continue
            }
            break
        }
        guard let command = args.first else {
            var provenance = Provenance.clean
            var out = ""
            for (name, value) in environment {
                out += "\(name)=\(value.text)\n"
                provenance.merge(value.provenance)
            }
            try shell.writeOut(out, provenance: provenance.applying(.copied))
            return 0
        }
        let saved = shell.variables
        defer { shell.variables = saved }
        for (name, variable) in shell.variables where variable.exported { shell.variables[name]?.exported = false }
        for (name, value) in environment { shell.variables[name] = Variable(value: value, exported: true) }
        return try shell.runExternal(name: command.text, arguments: Array(args.dropFirst()), execForm: false)
    }
}
