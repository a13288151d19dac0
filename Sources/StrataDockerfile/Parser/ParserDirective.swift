/// `# name=value` at the top of the file.
public struct ParserDirective: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    /// The 1-based line of the directive.
    public var line: Int
}
