/// Why a word could not be expanded, e.g. an unterminated quote or `${V:?msg}` on an unset
/// variable. The message matches BuildKit's: `failed to process "…": reason`.
public struct ExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var word: String
    public var reason: String

    public var description: String { "failed to process \"\(word)\": \(reason)" }
}
