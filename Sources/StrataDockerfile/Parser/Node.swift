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
