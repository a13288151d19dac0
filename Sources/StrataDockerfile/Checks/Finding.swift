import StrataSupport

/// One rule violation, worded as BuildKit words it.
public struct Finding: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Codable { case warning, error }

    public var rule: Rule
    public var message: String
    public var range: SourceRange
    /// `error` when the file's `# check=error=true` directive asks for it.
    public var severity: Severity

    public init(rule: Rule, message: String, range: SourceRange, severity: Severity = .warning) {
        self.rule = rule
        self.message = message
        self.range = range
        self.severity = severity
    }

    /// As a compiler-style diagnostic: `Dockerfile:3:1: warning: [StageNameCasing] …`.
    public var diagnostic: Diagnostic {
        Diagnostic(severity == .error ? .error : .warning, "[\(rule.name)] \(message)", at: range.start)
    }
}
