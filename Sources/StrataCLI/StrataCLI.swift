import Foundation
import StrataSupport

/// The `strata` command line: parses the top-level options, dispatches to a command, and maps
/// outcomes to exit statuses (0 ok, 1 failure, 2 usage, 3 built-but-leaked).
public enum StrataCLI {
    public static func main() -> Never {
        var terminal = Terminal.standard
        let status = run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, terminal: &terminal)
        exit(status)
    }

    /// Runs a command line; returns the exit status. Output goes to `terminal`.
    public static func run(_ arguments: [String], environment: [String: String], terminal: inout Terminal) -> Int32 {
        var arguments = arguments
        var storeOption: String?
        // Top-level options come before the command name.
        while let first = arguments.first, first.hasPrefix("-") {
            arguments.removeFirst()
            switch first {
            case "--help", "-h":
                terminal.out(HelpRenderer.render(Commands.topLevel))
                return 0
            case "--version", "-v":
                terminal.out("strata version \(Commands.version)\n")
                return 0
            case "--store":
                guard !arguments.isEmpty else { return usage(UsageError(command: "", message: "missing value for '--store'"), terminal: &terminal) }
                storeOption = arguments.removeFirst()
            default:
                if first.hasPrefix("--store=") {
                    storeOption = String(first.dropFirst("--store=".count))
                } else {
                    return usage(UsageError(command: "", message: "unknown option '\(first)'"), terminal: &terminal)
                }
            }
        }
        guard let name = arguments.first else {
            terminal.out(HelpRenderer.render(Commands.topLevel))
            return 0
        }
        arguments.removeFirst()
        if name == "help" {
            guard let target = arguments.first else {
                terminal.out(HelpRenderer.render(Commands.topLevel))
                return 0
            }
            guard let command = Commands.named(target) else { return unknownCommand(target, terminal: &terminal) }
            terminal.out(HelpRenderer.render(command.spec))
            return 0
        }
        guard let command = Commands.named(name) else { return unknownCommand(name, terminal: &terminal) }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser(spec: command.spec).parse(arguments)
        } catch {
            return usage(error, terminal: &terminal)
        }
        if parsed.flag("help") {
            terminal.out(HelpRenderer.render(command.spec))
            return 0
        }
        var context = CommandContext(arguments: parsed, environment: environment, storeOption: storeOption, terminal: terminal)
        let status: Int32
        do {
            status = try command.run(&context)
        } catch let error as UsageError {
            status = usage(error, terminal: &context.terminal)
        } catch {
            context.terminal.err("Error: \(error)\n")
            status = 1
        }
        terminal = context.terminal
        return status
    }

    static func usage(_ error: UsageError, terminal: inout Terminal) -> Int32 {
        var message = "Error: \(error.message)"
        if let suggestion = error.suggestion { message += " (did you mean '\(suggestion)'?)" }
        terminal.err(message + "\n")
        if let command = Commands.named(error.command) {
            terminal.err("Usage: \(command.spec.usage)\n")
            terminal.err("See 'strata \(error.command) --help' for more information.\n")
        } else {
            terminal.err("Usage: \(Commands.topLevel.usage)\n")
            terminal.err("See 'strata --help' for more information.\n")
        }
        return 2
    }

    static func unknownCommand(_ name: String, terminal: inout Terminal) -> Int32 {
        let suggestion = closestMatch(to: name, in: Commands.all.map(\.spec.name))
        return usage(UsageError(command: "", message: "unknown command '\(name)'", suggestion: suggestion), terminal: &terminal)
    }
}
