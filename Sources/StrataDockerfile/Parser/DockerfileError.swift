import StrataSupport

/// Everything that can go wrong turning a Dockerfile into instructions. Each case carries where.
public enum DockerfileError: LocatedError, Sendable, Hashable {
    /// A syntax error found by the parser (message in BuildKit's words).
    case syntax(String, at: SourceLocation, line: String?)
    /// An instruction keyword BuildKit does not know.
    case unknownInstruction(String, at: SourceLocation, suggestion: String?, line: String?)
    /// A flag, option or argument an instruction does not accept.
    case invalidInstruction(String, at: SourceLocation, line: String?)

    public var location: SourceLocation {
        switch self {
        case .syntax(_, let at, _), .unknownInstruction(_, let at, _, _), .invalidInstruction(_, let at, _): at
        }
    }

    /// The message without the location, as BuildKit would word it.
    public var message: String {
        switch self {
        case .syntax(let message, _, _), .invalidInstruction(let message, _, _):
            return message
        case .unknownInstruction(let word, _, let suggestion, _):
            let base = "unknown instruction \(GoQuote.quote(word))"
            return suggestion.map { base + " (did you mean \(GoQuote.quote($0))?)" } ?? base
        }
    }

    public var diagnostic: Diagnostic {
        switch self {
        case .syntax(_, _, let line), .unknownInstruction(_, _, _, let line), .invalidInstruction(_, _, let line):
            Diagnostic(.error, message, at: location, sourceLine: line)
        }
    }
}
