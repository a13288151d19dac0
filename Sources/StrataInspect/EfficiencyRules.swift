import Foundation

/// dive's CI rules (`.dive-ci`): the image passes when each enabled rule holds. The defaults
/// are dive's: efficiency at least 0.9, user-wasted ratio at most 0.1, wasted bytes unchecked.
public struct EfficiencyRules: Sendable, Equatable {
    /// Fails when the score is below this; nil disables the rule.
    public var lowestEfficiency: Double? = 0.9
    /// Fails when more bytes than this are wasted; nil disables the rule.
    public var highestWastedBytes: Int64?
    /// Fails when the user-wasted ratio is above this; nil disables the rule.
    public var highestUserWastedPercent: Double? = 0.1

    public init(lowestEfficiency: Double? = 0.9, highestWastedBytes: Int64? = nil, highestUserWastedPercent: Double? = 0.1) {
        self.lowestEfficiency = lowestEfficiency
        self.highestWastedBytes = highestWastedBytes
        self.highestUserWastedPercent = highestUserWastedPercent
    }

    public enum Status: String, Sendable, Equatable { case pass = "PASS", fail = "FAIL", skip = "SKIP" }

    public struct Result: Sendable, Equatable {
        /// dive's rule key without `rules.`.
        public var rule: String
        public var status: Status
        public var message: String
    }

    /// The rules' results in dive's order (by key).
    public func evaluate(_ efficiency: ImageEfficiency) -> [Result] {
        var results: [Result] = []
        if let limit = highestUserWastedPercent {
            results.append(limit < efficiency.userWastedRatio
                ? Result(rule: "highestUserWastedPercent", status: .fail, message: "too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=\(GoFormat.value(efficiency.userWastedRatio)) > threshold=\(GoFormat.value(limit)))")
                : Result(rule: "highestUserWastedPercent", status: .pass, message: ""))
        } else {
            results.append(Result(rule: "highestUserWastedPercent", status: .skip, message: "rule disabled"))
        }
        if let limit = highestWastedBytes {
            results.append(efficiency.wastedBytes > limit
                ? Result(rule: "highestWastedBytes", status: .fail, message: "too many bytes wasted (wasted-bytes=\(efficiency.wastedBytes) > threshold=\(limit))")
                : Result(rule: "highestWastedBytes", status: .pass, message: ""))
        } else {
            results.append(Result(rule: "highestWastedBytes", status: .skip, message: "rule disabled"))
        }
        if let limit = lowestEfficiency {
            results.append(limit > efficiency.score
                ? Result(rule: "lowestEfficiency", status: .fail, message: "image efficiency is too low (efficiency=\(GoFormat.value(efficiency.score)) < threshold=\(GoFormat.value(limit)))")
                : Result(rule: "lowestEfficiency", status: .pass, message: ""))
        } else {
            results.append(Result(rule: "lowestEfficiency", status: .skip, message: "rule disabled"))
        }
        return results
    }

    /// dive's CI report, from `efficiency:` to the `Result:` line and the empty line after it,
    /// without colours.
    public func report(_ efficiency: ImageEfficiency) -> String {
        var out = ""
        out += "  efficiency: \(GoFormat.fixed(efficiency.score * 100, 4)) %\n"
        out += "  wastedBytes: \(efficiency.wastedBytes) bytes (\(GoFormat.bytes(efficiency.wastedBytes)))\n"
        out += "  userWastedPercent: \(GoFormat.fixed(efficiency.userWastedRatio * 100, 4)) %\n"
        out += "Inefficient Files:\n"
        func row(_ count: String, _ wasted: String, _ path: String) -> String {
            String(repeating: " ", count: max(0, 5 - count.count)) + count + "  " + String(repeating: " ", count: max(0, 12 - wasted.count)) + wasted + "  " + path + "\n"
        }
        out += row("Count", "Wasted Space", "File Path")
        if efficiency.inefficiencies.isEmpty { out += "None\n" }
        for file in efficiency.inefficiencies { out += row(String(file.count), GoFormat.bytes(file.wastedBytes), file.path) }
        out += "Results:\n"
        let results = evaluate(efficiency)
        for result in results {
            out += result.message.isEmpty ? "  \(result.status.rawValue): \(result.rule)\n" : "  \(result.status.rawValue): \(result.rule): \(result.message)\n"
        }
        let failed = results.filter { $0.status == .fail }.count
        let passed = results.filter { $0.status == .pass }.count
        let skipped = results.filter { $0.status == .skip }.count
        out += "Result:\(failed > 0 ? "FAIL" : "PASS") [Total:\(results.count)] [Passed:\(passed)] [Failed:\(failed)] [Warn:0] [Skipped:\(skipped)]\n"
        // dive ends the report with an empty line.
        return out + "\n"
    }
}

/// Go's formatting where dive's report uses it.
enum GoFormat {
    /// `%.Nf`, with Go's `+Inf`, `-Inf` and `NaN`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return String(format: "%.\(digits)f", value)
    }

    /// `%v` of a float64 (strconv's shortest `%g`): the shortest digits that read back, in
    /// exponent form when the decimal exponent is below -4 or at least 6 (`1e+06`, `1e-05`).
    static func value(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's description holds the same shortest digits, in its own layout.
        let text = "\(abs(value))"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        while digits.count > 1 && digits.hasPrefix("0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        let decimalExponent = point - 1
        if decimalExponent < -4 || decimalExponent >= 6 {
            let head = String(digits.prefix(1)) + (digits.count > 1 ? "." + digits.dropFirst() : "")
            let magnitude = abs(decimalExponent)
            return sign + head + "e" + (decimalExponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }

    /// go-humanize's `Bytes`: SI units, one decimal below 10.
    static func bytes(_ count: Int64) -> String {
        if count < 10 { return "\(count) B" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        let exponent = min(units.count - 1, Int((log(Double(count)) / log(1000)).rounded(.down)))
        let value = (Double(count) / pow(1000, Double(exponent)) * 10 + 0.5).rounded(.down) / 10
        return String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[exponent])
    }
}
