import StrataSupport

/// A warning from the parser, with BuildKit's wording.
public struct ParseWarning: Sendable, Hashable {
    /// The rule the warning belongs to (e.g. `NoEmptyContinuation`).
    public var rule: String
    public var message: String
    public var range: SourceRange
}
