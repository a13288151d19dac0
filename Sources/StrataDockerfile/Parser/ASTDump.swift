/// BuildKit's `Node.Dump()` text form, byte for byte: one `(keyword …)` line per instruction.
public enum ASTDump {
    /// The dump of the whole file, ending with a newline (as BuildKit's result files do).
    public static func render(_ ast: DockerfileAST) -> String {
        dump(ast.root) + "\n"
    }

    /// The dump of one node (BuildKit trims surrounding whitespace).
    public static func dump(_ node: Node) -> String {
        var text = node.value.lowercased()
        if !node.flags.isEmpty {
            text += " [" + node.flags.map(GoQuote.quote).joined(separator: " ") + "]"
        }
        for child in node.children {
            text += "(" + dump(child) + ")\n"
        }
        for argument in node.next {
            text += " " + (argument.children.isEmpty ? GoQuote.quote(argument.value) : dump(argument))
        }
        return text.trimmingSpace
    }
}
