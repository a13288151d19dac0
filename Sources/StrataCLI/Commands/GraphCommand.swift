import Foundation
import Strata

extension Commands {
    static let graph = Command(
        spec: CommandSpec(
            name: "graph", overview: "Print the build graph (BuildKit-style operations) a Dockerfile turns into.",
            usage: "strata graph [-f FILE] [--target STAGE] [--format dot|json] [CONTEXT]",
            arguments: [ArgumentSpec(name: "context", help: "The build context (default: the current directory).")],
            optionGroups: [OptionGroup(title: "OPTIONS", options: [
                OptionSpec(names: ["-f", "--file"], kind: .value("file"), help: "The Dockerfile (default: CONTEXT/Dockerfile)."),
                OptionSpec(names: ["--target"], kind: .value("stage"), help: "The stage to build (default: the last)."),
                OptionSpec(names: ["--build-arg"], kind: .repeated("key=value"), help: "Set a build-time variable."),
                OptionSpec(names: ["--format"], kind: .value("format"), help: "dot (default) or json."),
            ])]),
        run: { context in
            let directory = context.arguments.positionals.first ?? "."
            let path = context.arguments.value("file") ?? (directory as NSString).appendingPathComponent("Dockerfile")
            let format = context.arguments.value("format") ?? "dot"
            guard format == "dot" || format == "json" else {
                throw UsageError(command: "graph", message: "unknown format \"\(format)\" (use dot or json)")
            }
            let text = try engine(context).graph(
                dockerfile: URL(fileURLWithPath: path), target: context.arguments.value("target"),
                buildArgs: BuildArguments.parse(context.arguments.all("build-arg"), environment: context.environment), json: format == "json")
            context.terminal.out(text)
            return 0
        })
}
