/// Expands Dockerfile words the way BuildKit's `shell/lex.go` does: `$V`, `${V}`, the
/// `-`/`+`/`?` modifiers (with and without `:`), `#`/`%` pattern trims, `/` replacement,
/// single and double quotes, and the escape character (`\` or backtick).
///
/// The expander is a value: it holds only configuration, so one instance can be shared freely.
/// It never runs a shell; expansion is purely textual.
public struct WordExpander: Sendable, Hashable {
    /// The escape character: `\` by default, or backtick after `# escape=\``.
    public var escape: Character
    /// Keep quote characters in the output (used to find heredoc markers).
    public var rawQuotes: Bool
    /// Keep escape characters in the output (used to find heredoc markers).
    public var rawEscapes: Bool
    /// Leave references to unset variables as written (`$X`, `${X:-y}`) instead of expanding
    /// them to the empty string.
    public var skipUnsetVariables: Bool

    public init(escape: Character = "\\", rawQuotes: Bool = false, rawEscapes: Bool = false,
                skipUnsetVariables: Bool = false) {
        self.escape = escape
        self.rawQuotes = rawQuotes
        self.rawEscapes = rawEscapes
        self.skipUnsetVariables = skipUnsetVariables
    }

    /// Expands `word` into one string (quotes removed, no word splitting).
    public func expand(_ word: String, environment: some VariableLookup) throws(ExpansionError) -> String {
        try process(word, environment: environment).result
    }

    /// Expands `word` and splits the result into words like a shell does: unquoted whitespace,
    /// including whitespace produced by a variable's value, separates words.
    public func expandWords(_ word: String, environment: some VariableLookup) throws(ExpansionError) -> [String] {
        try process(word, environment: environment).words
    }

    /// Expands `word` and reports both forms plus which variables were referenced, so a caller
    /// can warn about variables that were used but never defined (BuildKit's UndefinedVar).
    public func process(_ word: String, environment: some VariableLookup) throws(ExpansionError) -> Expansion {
        var state = ShellWordState(
            scalars: Array(word.unicodeScalars), lookup: { environment.value(of: $0) },
            escape: escape.unicodeScalars.first ?? "\\", options: self)
        do {
            let (result, words) = try state.processStopOn(nil, rawEscapes: rawEscapes)
            return Expansion(result: result, words: words, matched: state.matched, unmatched: state.unmatched)
        } catch {
            throw ExpansionError(word: word, reason: error.reason)
        }
    }
}
