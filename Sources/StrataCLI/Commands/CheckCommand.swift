import Foundation
import Strata
import StrataDockerfile
import StrataFrontend
import StrataSupport

extension Commands {
    static let check = Command(
        spec: CommandSpec(
            name: "check", overview: "Run BuildKit's build checks on a Dockerfile without building it.",
            usage: "strata check [-f FILE] [--format text|json] [CONTEXT]",
            discussion: "Honours `# check=skip=RULE,...;error=true` directives. Exit status 1 when a check configured as an error fires.",
            arguments: [ArgumentSpec(name: "context", help: "The build context (default: the current directory).")],
            optionGroups: [OptionGroup(title: "OPTIONS", options: [
                OptionSpec(names: ["-f", "--file"], kind: .value("file"), help: "The Dockerfile (default: CONTEXT/Dockerfile)."),
                OptionSpec(names: ["--format"], kind: .value("format"), help: "text (default) or json."),
            ])]),
        run: { context in
            let directory = context.arguments.positionals.first ?? "."
            guard context.arguments.positionals.count <= 1 else {
                throw UsageError(command: "check", message: "\"strata check\" takes at most 1 context directory")
            }
            let path = context.arguments.value("file") ?? (directory as NSString).appendingPathComponent("Dockerfile")
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path): no such file") }
            let name = context.arguments.value("file") ?? "Dockerfile"
            let ignoreText = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(".dockerignore"))
            let ignore = DockerIgnore(ignoreText.map { String(decoding: $0, as: UTF8.self) } ?? "")
            let findings = try BuildChecker.check(String(decoding: data, as: UTF8.self), fileName: name, isIgnored: { ignore.excludes($0) })
            switch context.arguments.value("format") ?? "text" {
            case "text":
                for finding in findings { context.terminal.out("\(finding.diagnostic)\n  \(finding.rule.url)\n") }
                let count = findings.count
                context.terminal.out(count == 0 ? "Check complete, no warnings found.\n" : "Check complete, \(count) warning\(count == 1 ? " has" : "s have") been found!\n")
            case "json":
                struct Row: Encodable {
                    var rule: String, description: String, url: String, message: String, severity: String
                    var file: String, line: Int, column: Int, endLine: Int
                }
                let rows = findings.map {
                    Row(rule: $0.rule.name, description: $0.rule.description, url: $0.rule.url, message: $0.message, severity: $0.severity.rawValue,
                        file: $0.range.start.file, line: $0.range.start.line, column: $0.range.start.column, endLine: $0.range.end.line)
                }
                context.terminal.out(String(decoding: try StableJSON.encode(rows, pretty: true), as: UTF8.self) + "\n")
            case let other:
                throw UsageError(command: "check", message: "unknown format \"\(other)\" (use text or json)")
            }
            return findings.contains { $0.severity == .error } ? 1 : 0
        })
}
