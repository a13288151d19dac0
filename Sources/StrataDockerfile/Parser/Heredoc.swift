/// A here-document: `<<EOF` (expanded), `<<"EOF"` (literal), `<<-EOF` (leading tabs chomped).
public struct Heredoc: Sendable, Hashable, Codable {
    /// The terminator word, quotes removed.
    public var name: String
    /// The body as written, each line with its newline; the terminator line excluded.
    public var content: String
    /// True unless any part of the marker was quoted.
    public var expand: Bool
    /// True for `<<-`: leading tabs are stripped from body lines when the content is used.
    public var chomp: Bool
    /// The file descriptor written before `<<` (`3<<EOF`), 0 when absent.
    public var fileDescriptor: Int

    public init(name: String, content: String = "", expand: Bool = true, chomp: Bool = false, fileDescriptor: Int = 0) {
        self.name = name
        self.content = content
        self.expand = expand
        self.chomp = chomp
        self.fileDescriptor = fileDescriptor
    }

    /// The content as a command or file receives it: with `<<-`, leading tabs removed from
    /// every line.
    public var effectiveContent: String {
        guard chomp else { return content }
        return content.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.drop { $0 == "\t" }) }
            .joined(separator: "\n")
    }
}
