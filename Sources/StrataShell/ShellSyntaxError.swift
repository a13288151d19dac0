/// A script that does not parse, reported as busybox ash does (`syntax error: unexpected "fi"`).
public struct ShellSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text after `syntax error: `.
    public var message: String
    /// 1-based line of the script where parsing stopped.
    public var line: Int

    public var description: String { "syntax error: \(message)" }
}
