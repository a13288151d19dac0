/// What `# check=skip=A,B;error=true` asks for: rules to skip (or all) and whether findings
/// fail the build.
public struct CheckConfiguration: Sendable, Hashable {
    public var skipped: Set<String>
    public var skipAll: Bool
    public var findingsAreErrors: Bool

    public init(skipped: Set<String> = [], skipAll: Bool = false, findingsAreErrors: Bool = false) {
        self.skipped = skipped
        self.skipAll = skipAll
        self.findingsAreErrors = findingsAreErrors
    }

    /// Parses the directive's value: `;`-separated `key=value` settings, `skip` a comma list.
    /// Unknown settings are ignored, as BuildKit ignores them.
    public init(directive: String?) {
        self.init()
        guard let directive else { return }
        for setting in directive.split(separator: ";") {
            let parts = setting.split(separator: "=", maxSplits: 1).map { $0.trimmingBlanks }
            guard parts.count == 2 else { continue }
            switch parts[0].lowercased() {
            case "skip":
                for name in parts[1].split(separator: ",").map({ $0.trimmingBlanks }) where !name.isEmpty {
                    if name.lowercased() == "all" { skipAll = true } else { skipped.insert(name) }
                }
            case "error":
                findingsAreErrors = parts[1].lowercased() == "true"
            default:
                continue
            }
        }
    }

    public func isEnabled(_ rule: Rule) -> Bool { !skipAll && !skipped.contains(rule.name) }
}

extension StringProtocol {
    var trimmingBlanks: String {
        String(String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }).reversed())
    }
}
