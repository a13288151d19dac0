import StrataSupport

/// `.dockerignore` rules as BuildKit's patternmatcher applies them: patterns are cleaned paths
/// relative to the context root, `**` matches any number of directories, a pattern that matches
/// a directory excludes everything inside it, `!pattern` re-includes, and the last matching
/// rule wins. Comments (`#`) and blank lines are ignored.
public struct DockerIgnore: Sendable {
    struct Rule: Sendable {
        let pattern: PathPattern
        let exclusion: Bool
    }

    private let rules: [Rule]

    public init(_ text: String) {
        var rules: [Rule] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine.trimming(" \t\r")
            if line.hasPrefix("#") || line.isEmpty { continue }
            var exclusion = false
            if line.hasPrefix("!") {
                exclusion = true
                line = String(line.dropFirst()).trimming(" \t")
            }
            let cleaned = DockerIgnore.clean(line)
            if cleaned.isEmpty || cleaned == "." { continue }
            rules.append(Rule(pattern: PathPattern(cleaned, allowsDoubleStar: true), exclusion: exclusion))
        }
        self.rules = rules
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// Whether a context path (relative, `/`-separated) is left out of the build context.
    public func excludes(_ path: String) -> Bool {
        var excluded = false
        for rule in rules where rule.pattern.matchesPrefix(of: path) { excluded = !rule.exclusion }
        return excluded
    }

    /// Whether some `!` rule could re-include something below `directory`, so an excluded
    /// directory must still be walked.
    public func mayReinclude(below directory: String) -> Bool {
        rules.contains { $0.exclusion && ($0.pattern.text.hasPrefix(directory + "/") || $0.pattern.text.hasPrefix("**")) }
    }

    /// Go's `filepath.Clean` on a slash path, made relative to the root.
    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
