import Foundation
import Strata

extension Commands {
    static let build = Command(
        spec: CommandSpec(
            name: "build", overview: "Build an image from a Dockerfile, without a daemon, and audit it for secrets.",
            usage: "strata build [OPTIONS] CONTEXT",
            discussion: """
                Exit status: 0 built and clean; 3 built, but a declared secret's bytes reached the image \
                (it is stored so it can be inspected); 1 the build failed; 2 usage error.
                """,
            arguments: [ArgumentSpec(name: "context", help: "The build context directory.")],
            optionGroups: [
                OptionGroup(title: "BUILD OPTIONS", options: [
                    OptionSpec(names: ["-f", "--file"], kind: .value("file"), help: "Name of the Dockerfile (default: CONTEXT/Dockerfile)."),
                    OptionSpec(names: ["-t", "--tag"], kind: .repeated("name:tag"), help: "Name and optionally a tag for the image."),
                    OptionSpec(names: ["--build-arg"], kind: .repeated("key=value"), help: "Set a build-time variable."),
                    OptionSpec(names: ["--secret"], kind: .repeated("id=ID,src=PATH|env=VAR"), help: "Expose a secret to RUN --mount=type=secret."),
                    OptionSpec(names: ["--sensitive-arg"], kind: .repeated("name"), help: "A --build-arg whose value must not reach the image (audited like a secret)."),
                    OptionSpec(names: ["--target"], kind: .value("stage"), help: "Build this stage (default: the last)."),
                    OptionSpec(names: ["--no-cache"], kind: .flag, help: "Do not use the build cache."),
                    OptionSpec(names: ["--progress"], kind: .value("type"), help: "auto (tty on a terminal, else plain), plain, tty (live view), quiet or rawjson (default: auto)."),
                    OptionSpec(names: ["-q", "--quiet"], kind: .flag, help: "Print only the image ID."),
                    OptionSpec(names: ["--explain-cache"], kind: .flag, help: "Say for each step why it was or was not cached."),
                    OptionSpec(names: ["--report"], kind: .value("file"), help: "Write the audit report as JSON to this file."),
                    OptionSpec(names: ["--network-fixtures"], kind: .value("file"), help: "JSON mapping URLs to local files, for ADD <url> (a simulated build has no network)."),
                    OptionSpec(names: ["--provenance"], kind: .value("mode"), help: "Attach SLSA provenance as BuildKit does: min, max (or mode=min|max, true, false)."),
                ]),
            ]),
        run: runBuild)

    static func runBuild(_ context: inout CommandContext) throws -> Int32 {
        let arguments = context.arguments
        guard arguments.positionals.count == 1 else {
            throw UsageError(command: "build", message: arguments.positionals.isEmpty ? "\"strata build\" requires exactly 1 argument (the context directory)" : "too many arguments: \(arguments.positionals.dropFirst().joined(separator: " "))")
        }
        var requested = ProgressMode.auto
        if let progress = arguments.value("progress") {
            guard let parsed = ProgressMode(rawValue: progress) else {
                throw UsageError(command: "build", message: "invalid progress mode \"\(progress)\" (use auto, plain, tty, quiet or rawjson)")
            }
            requested = parsed
        }
        var mode = requested.resolved(stderrIsTerminal: context.terminal.errorsAreInteractive)
        if arguments.flag("quiet") { mode = .quiet }
        let secrets = try SecretFlags.parse(arguments, command: "build")
        for warning in SecretFlags.shortSecretWarnings(secrets, environment: context.environment) { context.terminal.err(warning) }
        let epoch = context.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? 0
        var request = BuildRequest(
            contextDirectory: URL(fileURLWithPath: arguments.positionals[0]),
            dockerfile: arguments.value("file").map { URL(fileURLWithPath: $0) },
            tags: arguments.all("tag"),
            buildArgs: BuildArguments.parse(arguments.all("build-arg"), environment: context.environment),
            secrets: secrets, target: arguments.value("target"), noCache: arguments.flag("no-cache"), epoch: epoch,
            environment: context.environment)
        request.sensitiveArgs = arguments.all("sensitive-arg")
        request.networkFixtures = arguments.value("network-fixtures").map { URL(fileURLWithPath: $0) }
        if let provenance = arguments.value("provenance"), provenance != "false" {
            guard let mode = ProvenanceMode(flag: provenance) else {
                throw UsageError(command: "build", message: "invalid --provenance \"\(provenance)\" (use min, max, mode=min, mode=max, true or false)")
            }
            request.provenance = mode
        }
        let engine = try Engine(storeRoot: Engine.storeLocation(option: context.storeOption, environment: context.environment))
        var renderer = ProgressRenderer(mode: mode)
        var terminal = context.terminal
        let live = mode == .tty ? LiveProgressDisplay.make(for: terminal, environment: context.environment) : nil
        let outcome: BuildOutcome
        do {
            outcome = try engine.build(request) { event in
                if let live { live.display.handle(event) } else { terminal.err(renderer.render(event)) }
            }
        } catch BuildError.stepFailed(let failure) where mode != .rawjson {
            if let live {
                // The live view's summary already framed the step and its output.
                live.display.finish()
                terminal.err(live.captured.take() + failure.sourceReport)
            } else {
                terminal.err("\n" + failure.buildKitReport)
            }
            context.terminal = terminal
            return 1
        } catch {
            if let live {
                live.display.finish()
                terminal.err(live.captured.take())
            }
            context.terminal = terminal
            context.terminal.err("ERROR: \(error)\n")
            return 1
        }
        if let live {
            live.display.finish()
            terminal.err(live.captured.take())
        }
        context.terminal = terminal
        if arguments.flag("explain-cache") {
            context.terminal.err("\nCache:\n" + outcome.cacheExplanations.map { "  " + $0 + "\n" }.joined())
        }
        if let path = arguments.value("report") {
            try Data(try outcome.report.renderJSON().utf8).write(to: URL(fileURLWithPath: path))
        }
        if mode == .quiet {
            context.terminal.out(outcome.imageID + "\n")
        } else {
            let name = outcome.tags.isEmpty ? "" : " (\(outcome.tags.joined(separator: ", ")))"
            context.terminal.err("\nwriting image \(outcome.imageID)\(name)\n")
        }
        let leaks = outcome.report.findings.filter { $0.severity == .leak }
        if leaks.isEmpty {
            let exposures = outcome.report.findings.filter { $0.severity == .exposure }.count
            context.terminal.err("verdict: clean — no declared secret reached the image" + (exposures > 0 ? " (\(exposures) exposure\(exposures == 1 ? "" : "s") on the builder, see strata audit)" : "") + "\n")
            return 0
        }
        context.terminal.err("verdict: LEAK — " + outcome.report.renderText())
        return 3
    }
}
