/// The outcome of expanding one word.
public struct Expansion: Sendable, Hashable {
    /// The expansion as one string.
    public var result: String
    /// The expansion split into words.
    public var words: [String]
    /// Names that were looked up and found.
    public var matched: Set<String>
    /// Names that were looked up and not set: candidates for an UndefinedVar warning.
    public var unmatched: Set<String>
}
