import Foundation
import Strata
import StrataInspect
import StrataSupport

extension Commands {
    static let efficiency = Command(
        spec: CommandSpec(
            name: "efficiency", overview: "Show how many bytes an image wastes on files later layers overwrite or remove, as dive does.",
            usage: "strata efficiency [OPTIONS] IMAGE|ARCHIVE",
            discussion: """
                Prints dive's CI report (`CI=true dive`): the efficiency score, the wasted bytes, the \
                inefficient files and dive's three rules. Exit status: 0 when every rule passes; 1 when \
                one fails (as dive) or on error; 2 usage error.
                """,
            arguments: [ArgumentSpec(name: "image", help: "An image in the store, or a docker-archive / OCI layout tar or directory.")],
            optionGroups: [OptionGroup(title: "RULES (dive's .dive-ci; \"disabled\" turns one off)", options: [
                OptionSpec(names: ["--lowest-efficiency"], kind: .value("ratio"), help: "Fail below this efficiency (default 0.9)."),
                OptionSpec(names: ["--highest-wasted-bytes"], kind: .value("bytes"), help: "Fail above this many wasted bytes (default disabled)."),
                OptionSpec(names: ["--highest-user-wasted-percent"], kind: .value("ratio"), help: "Fail above this ratio of wasted to user-layer bytes (default 0.1)."),
                OptionSpec(names: ["--format"], kind: .value("format"), help: "text (default, dive's report) or json."),
            ])]),
        run: { context in
            guard context.arguments.positionals.count == 1 else {
                throw UsageError(command: "efficiency", message: "\"strata efficiency\" requires exactly 1 image or archive")
            }
            let format = context.arguments.value("format") ?? "text"
            guard ["text", "json"].contains(format) else {
                throw UsageError(command: "efficiency", message: "unknown format \"\(format)\" (use text or json)")
            }
            var rules = EfficiencyRules()
            func ratio(_ key: String, default value: Double?) throws -> Double? {
                guard let text = context.arguments.value(key) else { return value }
                if text == "disabled" { return nil }
                guard let parsed = Double(text), parsed.isFinite else {
                    throw UsageError(command: "efficiency", message: "--\(key) takes a number or \"disabled\", not \"\(text)\"")
                }
                return parsed
            }
            rules.lowestEfficiency = try ratio("lowest-efficiency", default: rules.lowestEfficiency)
            rules.highestUserWastedPercent = try ratio("highest-user-wasted-percent", default: rules.highestUserWastedPercent)
            if let text = context.arguments.value("highest-wasted-bytes"), text != "disabled" {
                guard let bytes = Int64(text), bytes >= 0 else {
                    throw UsageError(command: "efficiency", message: "--highest-wasted-bytes takes a number of bytes or \"disabled\", not \"\(text)\"")
                }
                rules.highestWastedBytes = bytes
            }
            let target = context.arguments.positionals[0]
            let efficiency = try engine(context).efficiency(target)
            let results = rules.evaluate(efficiency)
            if format == "json" {
                let report = EfficiencyReport(image: target, efficiency: efficiency, results: results)
                context.terminal.out(String(decoding: try StableJSON.encode(report, pretty: true), as: UTF8.self) + "\n")
            } else {
                context.terminal.out(rules.report(efficiency))
            }
            return results.contains { $0.status == .fail } ? 1 : 0
        })
}

/// `strata efficiency --format json`.
struct EfficiencyReport: Encodable {
    struct File: Encodable {
        var path: String
        var count: Int
        var wastedBytes: Int64
    }

    struct Rule: Encodable {
        var rule: String
        var status: String
        var message: String?
    }

    var image: String
    /// Between 0 and 1; null where dive prints NaN.
    var efficiency: Double?
    var wastedBytes: Int64
    var sizeBytes: Int64
    var userSizeBytes: Int64
    /// Wasted over user bytes; null when there are no user bytes (dive prints +Inf or NaN).
    var userWastedPercent: Double?
    var inefficiencies: [File]
    var results: [Rule]
    var pass: Bool

    init(image: String, efficiency: ImageEfficiency, results: [EfficiencyRules.Result]) {
        self.image = image
        self.efficiency = efficiency.score.isFinite ? efficiency.score : nil
        wastedBytes = efficiency.wastedBytes
        sizeBytes = efficiency.sizeBytes
        userSizeBytes = efficiency.userSizeBytes
        userWastedPercent = efficiency.userWastedRatio.isFinite ? efficiency.userWastedRatio : nil
        inefficiencies = efficiency.inefficiencies.map { File(path: $0.path, count: $0.count, wastedBytes: $0.wastedBytes) }
        self.results = results.map { Rule(rule: $0.rule, status: $0.status.rawValue, message: $0.message.isEmpty ? nil : $0.message) }
        pass = !results.contains { $0.status == .fail }
    }
}
