import StrataSupport

/// The parsed Dockerfile: instructions with no meaning attached yet.
public struct DockerfileAST: Sendable, Hashable {
    /// The file name used in locations and diagnostics.
    public var fileName: String
    /// The root node; its `children` are the instructions in order.
    public var root: Node
    /// Parser directives found at the top (`syntax`, `escape`, `check`), lower-case names.
    public var directives: [ParserDirective]
    /// The escape character in effect (`\` or backtick).
    public var escape: Character
    /// Non-fatal findings such as empty continuation lines.
    public var warnings: [ParseWarning]

    /// The instructions in order.
    public var instructions: [Node] { root.children }

    /// The value of a directive such as `check`, if present.
    public func directive(_ name: String) -> String? {
        directives.first { $0.name == name.lowercased() }?.value
    }
}
