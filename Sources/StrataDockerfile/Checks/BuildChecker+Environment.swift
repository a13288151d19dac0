extension BuildChecker {
    /// Calls `visit` with each stage instruction and the variables (with values) in effect
    /// when BuildKit dispatches it: the base stage's, or the assumed base-image variables, then
    /// ARGs (a default, else the global value) and ENVs in order. Rules that look at expanded
    /// words (ExposeInvalidFormat, CopyIgnoredFile) use it.
    ///
    /// An ENV's values all expand against the environment before the instruction, as in
    /// BuildKit, so `ENV A=1 B=$A` gives B the old A.
    func forEachInstructionWithEnvironment(_ visit: (Stage, Instruction, Environment) -> Void) {
        let expander = WordExpander(escape: dockerfile.ast.escape)
        let globals = globalArguments()?.environment ?? predefinedArguments()
        var stageEnvironments: [String: Environment] = [:]
        for stage in dockerfile.stages {
            var environment = stageEnvironments[stage.baseName.lowercased()]
                ?? Environment(baseImageVariables.sorted().map { ($0, "") })
            for instruction in stage.instructions {
                visit(stage, instruction, environment)
                switch instruction.kind {
                case .arg(let declarations):
                    for declaration in declarations {
                        if let value = declaration.defaultValue {
                            if let expanded = try? expander.expand(value, environment: environment) {
                                environment.set(declaration.name, expanded)
                            }
                        } else if let global = globals.value(of: declaration.name) {
                            environment.set(declaration.name, global)
                        }
                    }
                case .env(let pairs):
                    let before = environment
                    for pair in pairs {
                        if let expanded = try? expander.expand(pair.value, environment: before) {
                            environment.set(pair.key, expanded)
                        }
                    }
                default:
                    break
                }
            }
            if let name = stage.name { stageEnvironments[name] = environment }
        }
    }
}
