import Foundation
import Strata
import StrataSupport

extension Commands {
    static let audit = Command(
        spec: CommandSpec(
            name: "audit", overview: "Check an image for secrets: every layer (also deleted files), config and history.",
            usage: "strata audit [OPTIONS] IMAGE|ARCHIVE",
            discussion: "Exit status: 0 clean; 3 at least one leak; 1 error; 2 usage error. Secret values are never printed.",
            arguments: [ArgumentSpec(name: "image", help: "An image in the store, or a docker-archive / OCI layout tar.")],
            optionGroups: [OptionGroup(title: "AUDIT OPTIONS", options: [
                OptionSpec(names: ["--secret"], kind: .repeated("id=ID,src=PATH|env=VAR"), help: "A secret whose bytes must not be in the image."),
                OptionSpec(names: ["--format"], kind: .value("format"), help: "text (default), json or sarif."),
                OptionSpec(names: ["--strict"], kind: .flag, help: "Also fail (exit 3) on exposures (never on informational mount residue)."),
                OptionSpec(names: ["--stages"], kind: .flag, help: "For images Strata built: per stage, the secrets it mounted, whether its layers hold them, and what it reads from."),
            ])]),
        run: { context in
            guard context.arguments.positionals.count == 1 else {
                throw UsageError(command: "audit", message: "\"strata audit\" requires exactly 1 image or archive")
            }
            let secrets = try SecretFlags.parse(context.arguments, command: "audit")
            for warning in SecretFlags.shortSecretWarnings(secrets, environment: context.environment) { context.terminal.err(warning) }
            if context.arguments.flag("stages") {
                guard let report = try engine(context).stageReport(context.arguments.positionals[0]) else {
                    throw CommandError("\(context.arguments.positionals[0]) was not built by Strata in this store: no stage report")
                }
                if context.arguments.value("format") == "json" {
                    context.terminal.out(String(decoding: try StableJSON.encode(report, pretty: true), as: UTF8.self) + "\n")
                } else {
                    context.terminal.out(report.renderText())
                }
                return 0
            }
            let format = context.arguments.value("format") ?? "text"
            guard ["text", "json", "sarif"].contains(format) else {
                throw UsageError(command: "audit", message: "unknown format \"\(format)\" (use text, json or sarif)")
            }
            let auditEngine = try engine(context)
            let target = context.arguments.positionals[0]
            // For images Strata built, the build also recorded the empty entries its mounts left.
            let report = try auditEngine.audit(target, secrets: secrets, environment: context.environment)
                .adding(try auditEngine.mountResidue(target))
            switch format {
            case "json": context.terminal.out(try report.renderJSON() + "\n")
            case "sarif": context.terminal.out(try report.renderSARIF() + "\n")
            default: context.terminal.out(report.renderText())
            }
            // Informational findings (mount residue) never fail, not even with --strict.
            let strict = context.arguments.flag("strict")
            let failing = report.findings.contains { $0.severity == .leak || (strict && $0.severity == .exposure) }
            return failing ? 3 : 0
        })
}
