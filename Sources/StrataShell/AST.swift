/// The syntax tree of a shell script. Pure structure: no expansion has happened yet.
public indirect enum ShellCommand: Sendable {
    case simple(SimpleCommand)
    case pipeline([ShellCommand], negated: Bool)
    case and(ShellCommand, ShellCommand)
    case or(ShellCommand, ShellCommand)
    case sequence([ShellCommand])
    case background(ShellCommand)
    case subshell(ShellCommand)
    case group(ShellCommand)
    case ifClause(branches: [(condition: ShellCommand, body: ShellCommand)], elseBody: ShellCommand?)
    case forLoop(name: String, words: [ShellWord]?, body: ShellCommand)
    case whileLoop(condition: ShellCommand, body: ShellCommand, isUntil: Bool)
    case caseClause(subject: ShellWord, items: [CaseItem])
    case function(name: String, body: ShellCommand)
    /// bash `[[ ... ]]`, kept as words and evaluated like `test` without field splitting.
    case conditional([ShellWord])
    /// A compound command with redirections after it.
    case redirected(ShellCommand, [Redirection])
}

/// One `pattern|pattern) body ;;` arm of a `case`.
public struct CaseItem: Sendable {
    public var patterns: [ShellWord]
    public var body: ShellCommand?
}

/// `NAME=value ... word ... redirections`.
public struct SimpleCommand: Sendable {
    public var assignments: [(name: String, value: ShellWord)] = []
    public var words: [ShellWord] = []
    public var redirections: [Redirection] = []
    /// 1-based line where the command starts, for `set -x` and messages.
    public var line: Int = 1
}

/// A redirection such as `2>&1`, `>>log` or `<<EOF`.
public struct Redirection: Sendable {
    public enum Operator: String, Sendable {
        case input = "<", output = ">", append = ">>", clobber = ">|", readWrite = "<>"
        case duplicateInput = "<&", duplicateOutput = ">&", hereDocument = "<<", hereString = "<<<"
        /// bash `&>file`: stdout and stderr to the file.
        case outputAndError = "&>"
    }
    public var fd: Int?
    public var op: Operator
    public var target: ShellWord
    /// The body of a here-document, filled in when the parser reaches the end of its line.
    public var hereDocument: HereDocument?
}

/// A here-document body. The parser reads it only after the line holding `<<` ends, so the
/// redirection holds a box that is filled once, before the tree leaves the parser.
public final class HereDocument: @unchecked Sendable {
    public internal(set) var body = ShellWord(parts: [])
    public let stripTabs: Bool
    public let delimiter: String
    /// Whether the delimiter was quoted, which turns off expansion in the body.
    public let isQuoted: Bool

    init(delimiter: String, stripTabs: Bool, isQuoted: Bool) {
        self.delimiter = delimiter
        self.stripTabs = stripTabs
        self.isQuoted = isQuoted
    }
}

/// A word before expansion: the parts keep their quoting, which decides splitting and globbing.
public struct ShellWord: Sendable {
    public var parts: [WordPart]

    public init(parts: [WordPart]) { self.parts = parts }

    /// The literal text when the word is one unquoted literal (keywords, names).
    public var plainLiteral: String? {
        if parts.count == 1, case .literal(let text) = parts[0] { return text }
        return nil
    }

    /// Whether any part of the word was quoted, which keeps an empty word as a field.
    public var hasQuotes: Bool {
        parts.contains { part in
            switch part {
            case .quoted, .doubleQuoted: return true
            default: return false
            }
        }
    }
}

public indirect enum WordPart: Sendable {
    /// Unquoted text: subject to globbing.
    case literal(String)
    /// Single-quoted or backslash-escaped text: taken as is.
    case quoted(String)
    case doubleQuoted([WordPart])
    case parameter(ParameterExpansion)
    case commandSubstitution(ShellCommand)
    case arithmetic(ShellWord)
    /// `~` or `~user` at the start of a word.
    case tilde(String)
}

/// `$name` or `${name op argument}`.
public struct ParameterExpansion: Sendable {
    public enum Operator: Sendable, Equatable {
        case plain, length
        /// `-`, `=`, `?`, `+`, each with or without the colon that also tests for empty.
        case useDefault(colon: Bool), assignDefault(colon: Bool), errorIfUnset(colon: Bool), useAlternative(colon: Bool)
        case removeSmallestSuffix, removeLargestSuffix, removeSmallestPrefix, removeLargestPrefix
        /// bash `${v/p/r}`, `${v//p/r}`, `${v/#p/r}`, `${v/%p/r}`.
        case replace(all: Bool, anchor: Character?)
        /// bash `${v:offset:length}`.
        case substring
    }
    public var name: String
    public var op: Operator = .plain
    public var argument: ShellWord?
    /// The replacement for `replace`, or the length for `substring`.
    public var second: ShellWord?
}
