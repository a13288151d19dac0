import Foundation
import Strata
import StrataDockerfile
import StrataSupport

extension Commands {
    static let parse = Command(
        spec: CommandSpec(
            name: "parse", overview: "Parse a Dockerfile exactly as BuildKit does and print its AST.",
            usage: "strata parse [--dump | --format json] FILE",
            arguments: [ArgumentSpec(name: "file", help: "The Dockerfile.")],
            optionGroups: [OptionGroup(title: "OPTIONS", options: [
                OptionSpec(names: ["--dump"], kind: .flag, help: "BuildKit's AST dump, byte for byte (the default)."),
                OptionSpec(names: ["--format"], kind: .value("format"), help: "json: one object per instruction with BuildKit's node fields."),
            ])]),
        run: { context in
            guard context.arguments.positionals.count == 1 else {
                throw UsageError(command: "parse", message: "\"strata parse\" requires exactly 1 file")
            }
            let path = context.arguments.positionals[0]
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path)") }
            let ast = try DockerfileParser.parse(String(decoding: data, as: UTF8.self), fileName: path)
            switch context.arguments.value("format") {
            case nil:
                context.terminal.out(ASTDump.render(ast))
            case "json":
                context.terminal.out(String(decoding: try StableJSON.encode(InstructionView.views(of: ast), pretty: true), as: UTF8.self) + "\n")
            case let other?:
                throw UsageError(command: "parse", message: "unknown format \"\(other)\" (use json, or --dump)")
            }
            return 0
        })

    static let expand = Command(
        spec: CommandSpec(
            name: "expand", overview: "Expand a word the way BuildKit expands Dockerfile arguments.",
            usage: "strata expand [--env K=V]... [--words] [--] WORD",
            arguments: [ArgumentSpec(name: "word", help: "The word, e.g. '${NAME:-default}/bin'.")],
            optionGroups: [OptionGroup(title: "OPTIONS", options: [
                OptionSpec(names: ["--env"], kind: .repeated("key=value"), help: "A variable for the expansion."),
                OptionSpec(names: ["--words"], kind: .flag, help: "Split into words, one per line."),
                OptionSpec(names: ["--escape"], kind: .value("char"), help: "The escape character: \\ (default) or `."),
            ])]),
        run: { context in
            guard context.arguments.positionals.count == 1 else {
                throw UsageError(command: "expand", message: "\"strata expand\" requires exactly 1 word")
            }
            var environment: [String: String] = [:]
            for entry in context.arguments.all("env") {
                guard let equals = entry.firstIndex(of: "=") else {
                    throw UsageError(command: "expand", message: "invalid --env \"\(entry)\": use KEY=VALUE")
                }
                environment[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
            }
            let escape = context.arguments.value("escape") ?? "\\"
            guard escape == "\\" || escape == "`" else {
                throw UsageError(command: "expand", message: "invalid escape \"\(escape)\": use \\ or `")
            }
            let expander = WordExpander(escape: Character(escape))
            let word = context.arguments.positionals[0]
            if context.arguments.flag("words") {
                for part in try expander.expandWords(word, environment: environment) { context.terminal.out(part + "\n") }
            } else {
                context.terminal.out(try expander.expand(word, environment: environment) + "\n")
            }
            return 0
        })
}

/// A command failure with a message for the user.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
