import StrataSupport

/// Parses a command line against a `CommandSpec`, the way docker's CLI accepts options:
/// `--name value`, `--name=value`, `-n value`, `-nvalue`, grouped short flags (`-qa`), and `--`
/// to end options.
struct ArgumentParser {
    let spec: CommandSpec

    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        let options = spec.optionGroups.flatMap(\.options)
        var index = 0
        func option(named name: String) throws(UsageError) -> OptionSpec {
            if let option = options.first(where: { $0.names.contains(name) }) { return option }
            let known = options.flatMap(\.names) + ["--help", "-h"]
            throw UsageError(command: spec.name, message: "unknown option '\(name)'", suggestion: closestOptionName(name, in: known))
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                parsed.positionals.append(contentsOf: arguments[index...])
                break
            }
            if argument == "--help" || argument == "-h" {
                parsed.flags.insert("help")
                continue
            }
            if argument.hasPrefix("--") {
                let (name, inlineValue) = split(argument)
                let option = try option(named: name)
                if option.takesValue {
                    let value: String
                    if let inlineValue {
                        value = inlineValue
                    } else {
                        guard index < arguments.count else {
                            throw UsageError(command: spec.name, message: "missing value for '\(name)'")
                        }
                        value = arguments[index]
                        index += 1
                    }
                    store(value, for: option, in: &parsed)
                } else {
                    if let inlineValue {
                        switch inlineValue {
                        case "true": parsed.flags.insert(option.key)
                        case "false": parsed.flags.remove(option.key)
                        default: throw UsageError(command: spec.name, message: "invalid boolean value \"\(inlineValue)\" for '\(name)'")
                        }
                    } else {
                        parsed.flags.insert(option.key)
                    }
                }
            } else if argument.hasPrefix("-") && argument.count > 1 {
                var characters = Array(argument.dropFirst())
                while let first = characters.first {
                    characters.removeFirst()
                    let option = try option(named: "-\(first)")
                    if option.takesValue {
                        var value = String(characters)
                        if value.hasPrefix("=") { value.removeFirst() }
                        if value.isEmpty {
                            guard index < arguments.count else {
                                throw UsageError(command: spec.name, message: "missing value for '-\(first)'")
                            }
                            value = arguments[index]
                            index += 1
                        }
                        store(value, for: option, in: &parsed)
                        break
                    }
                    parsed.flags.insert(option.key)
                }
            } else {
                parsed.positionals.append(argument)
            }
        }
        return parsed
    }

    private func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private func store(_ value: String, for option: OptionSpec, in parsed: inout ParsedArguments) {
        if case .repeated = option.kind {
            parsed.values[option.key, default: []].append(value)
        } else {
            parsed.values[option.key] = [value]
        }
    }

    private func closestOptionName(_ name: String, in known: [String]) -> String? {
        closestMatch(to: name, in: known.filter { $0.hasPrefix("--") == name.hasPrefix("--") })
    }
}
