extension BuildChecker {
    /// UndefinedVar: a `$NAME` in a word the builder expands (not in RUN, which the shell
    /// expands) that no ARG, ENV or base image defines at that point.
    func undefinedVariableFindings() -> [Finding] {
        let expander = WordExpander(escape: dockerfile.ast.escape)
        var findings: [Finding] = []
        var stageVariables: [String: Set<String>] = [:]
        for stage in dockerfile.stages {
            var defined = baseImageVariables.union(stageVariables[stage.baseName.lowercased()] ?? [])
            for instruction in stage.instructions {
                let lookup = DefinedNames(names: defined)
                var reported: Set<String> = []
                for word in Self.expandedWords(of: instruction) {
                    guard let expansion = try? expander.process(word, environment: lookup) else { continue }
                    for name in expansion.unmatched.sorted() where reported.insert(name).inserted {
                        var message = "Usage of undefined variable '$\(name)'"
                        if let close = suggestion(for: name, in: defined.sorted()) { message += " (did you mean $\(close)?)" }
                        findings.append(finding(.undefinedVar, message, at: instruction))
                    }
                }
                defined.formUnion(Self.definedNames(by: instruction))
            }
            if let name = stage.name { stageVariables[name] = defined }
        }
        return findings
    }

    /// The words of an instruction that BuildKit expands with the stage's variables.
    static func expandedWords(of instruction: Instruction) -> [String] {
        switch instruction.kind {
        case .env(let pairs): return pairs.map(\.value)
        case .label(let pairs): return pairs.flatMap { [$0.key, $0.value] }
        case .arg(let declarations): return declarations.compactMap(\.defaultValue)
        case .copy(let copy), .add(let copy):
            return copy.sources + [copy.destination] + [copy.chown, copy.chmod, copy.from].compactMap { $0 }
        case .workdir(let word), .user(let word), .stopSignal(let word): return [word]
        case .expose(let words), .volume(let words): return words
        default: return []
        }
    }

    static func definedNames(by instruction: Instruction) -> [String] {
        switch instruction.kind {
        case .env(let pairs): return pairs.map(\.key)
        case .arg(let declarations): return declarations.map(\.name)
        default: return []
        }
    }
}

/// A lookup that knows only which names exist; values do not matter for UndefinedVar.
private struct DefinedNames: VariableLookup {
    var names: Set<String>
    func value(of name: String) -> String? { names.contains(name) ? "" : nil }
}
