/// One node of the Dockerfile AST, shaped like BuildKit's `parser.Node`.
///
/// The root node's `children` are the instructions. An instruction node's `value` is the
/// keyword as written (BuildKit lower-cases it only when dispatching), `next` holds its
/// arguments in order (BuildKit's linked list, flattened), and ONBUILD keeps its inner
/// instruction as the single child of its only argument node. ENV and LABEL arguments come in
/// triples: key, value, and `=` (or `""` for the legacy `ENV key value` form).
public struct Node: Sendable, Hashable {
    /// The keyword (instruction nodes) or the argument text (argument nodes).
    public var value: String
    /// The arguments, in order.
    public var next: [Node]
    /// Instructions (root) or the nested instruction (ONBUILD's argument node).
    public var children: [Node]
    /// Here-documents attached to this instruction, in the order they appear on the line
    /// (for ONBUILD they sit on the inner instruction, as in BuildKit).
    public var heredocs: [Heredoc]
    /// True when the arguments came from a JSON array (exec form).
    public var isJSON: Bool
    /// The instruction as written, continuations joined; heredoc bodies appended after a newline.
    public var original: String
    /// Flags (`--name=value`), without further interpretation.
    public var flags: [String]
    /// First and last line (1-based) of the instruction in the file, heredocs included.
    public var startLine: Int
    public var endLine: Int
    /// The comment lines immediately above the instruction.
    public var previousComments: [String]

    public init(value: String = "", next: [Node] = [], children: [Node] = [], heredocs: [Heredoc] = [],
                isJSON: Bool = false, original: String = "", flags: [String] = [], startLine: Int = 0,
                endLine: Int = 0, previousComments: [String] = []) {
        self.value = value
        self.next = next
        self.children = children
        self.heredocs = heredocs
        self.isJSON = isJSON
        self.original = original
        self.flags = flags
        self.startLine = startLine
        self.endLine = endLine
        self.previousComments = previousComments
    }

    /// The argument values, as BuildKit's `for n := node.Next; n != nil; n = n.Next` sees them.
    public var argumentValues: [String] { next.map(\.value) }

    /// The keyword in lower case, as BuildKit dispatches on it.
    public var keyword: String { value.lowercased() }

    /// ONBUILD's inner instruction, if any.
    public var nestedInstruction: Node? { next.first?.children.first }
}

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
