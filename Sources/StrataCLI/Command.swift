/// One `strata` subcommand.
struct Command: Sendable {
    var spec: CommandSpec
    var run: @Sendable (inout CommandContext) throws -> Int32
}

/// What a command runs with.
struct CommandContext {
    var arguments: ParsedArguments
    var environment: [String: String]
    var storeOption: String?
    var terminal: Terminal
}

enum Commands {
    static let version = "0.1.0"

    static var all: [Command] { [build, check, load, save, images, inspect, history, audit, efficiency, parse, expand, graph] }

    static func named(_ name: String) -> Command? { all.first { $0.spec.name == name } }

    static var topLevel: CommandSpec {
        CommandSpec(
            name: "", overview: "Simulate BuildKit's Dockerfile builds without a daemon, and prove that build secrets never reach the image.",
            usage: "strata [--store <dir>] <subcommand> [options]",
            subcommands: all.map { ($0.spec.name, $0.spec.overview) })
    }
}
