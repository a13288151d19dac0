/// What `# check=skip=A,B;experimental=C;error=true` asks for: rules to skip (or all),
/// experimental rules to turn on (or all), and whether findings fail the build.
///
/// Mirrors BuildKit's `linter.ParseLintOptions`: at most three `;`-separated settings are read
/// (`strings.SplitN(…, ";", 3)`), `all` is matched exactly, and `error` takes Go's
/// `strconv.ParseBool` spellings. Experimental rules ignore `skip`: only `experimental=`
/// turns them on (BuildKit's `Linter.Run` checks one list or the other, never both).
public struct CheckConfiguration: Sendable, Hashable {
    public var skipped: Set<String>
    public var skipAll: Bool
    public var experimental: Set<String>
    public var experimentalAll: Bool
    public var findingsAreErrors: Bool

    public init(skipped: Set<String> = [], skipAll: Bool = false, experimental: Set<String> = [],
                experimentalAll: Bool = false, findingsAreErrors: Bool = false) {
        self.skipped = skipped
        self.skipAll = skipAll
        self.experimental = experimental
        self.experimentalAll = experimentalAll
        self.findingsAreErrors = findingsAreErrors
    }

    /// Parses the directive's value. Settings BuildKit would reject (an unknown key, a value
    /// `ParseBool` refuses) are ignored here rather than failing the check.
    public init(directive: String?) {
        self.init()
        guard let directive else { return }
        for setting in Self.splitN(directive.trimmingBlanks, separator: ";", limit: 3) {
            let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let value = parts[1].trimmingBlanks
            switch parts[0].trimmingBlanks {
            case "skip":
                if value == "all" { skipAll = true } else { skipped.formUnion(Self.names(in: value)) }
            case "experimental":
                if value == "all" { experimentalAll = true } else { experimental.formUnion(Self.names(in: value)) }
            case "error":
                if let flag = Self.goParseBool(value) { findingsAreErrors = flag }
            default:
                continue
            }
        }
    }

    public func isEnabled(_ rule: Rule) -> Bool {
        if rule.isExperimental { return experimentalAll || experimental.contains(rule.name) }
        return !skipAll && !skipped.contains(rule.name)
    }

    private static func names(in list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks }.filter { !$0.isEmpty }
    }

    /// Go's `strings.SplitN`: at most `limit` pieces, the last holding the rest.
    private static func splitN(_ text: String, separator: Character, limit: Int) -> [Substring] {
        var pieces: [Substring] = []
        var rest = Substring(text)
        while pieces.count < limit - 1, let index = rest.firstIndex(of: separator) {
            pieces.append(rest[..<index])
            rest = rest[rest.index(after: index)...]
        }
        pieces.append(rest)
        return pieces
    }

    /// Go's `strconv.ParseBool`.
    private static func goParseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }
}

extension StringProtocol {
    var trimmingBlanks: String {
        String(String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }).reversed())
    }
}
