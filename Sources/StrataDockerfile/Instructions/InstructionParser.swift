import StrataSupport

/// Decodes AST nodes into typed instructions and groups them into stages, like BuildKit's
/// `instructions.ParseInstruction` and `instructions.Parse`.
///
/// Nothing is expanded here: `$VAR` references stay in the words, because their values depend
/// on the stage's ARG and ENV state at the point each instruction runs.
public enum InstructionParser {
    /// Parses `text` all the way to stages.
    public static func parse(_ text: String, fileName: String = "Dockerfile") throws(DockerfileError) -> ParsedDockerfile {
        try parse(DockerfileParser.parse(text, fileName: fileName))
    }

    /// Splits the instructions into global ARGs (before the first FROM) and stages.
    public static func parse(_ ast: DockerfileAST) throws(DockerfileError) -> ParsedDockerfile {
        var metaArgs: [Instruction] = []
        var stages: [Stage] = []
        for node in ast.instructions {
            let instruction = try self.instruction(from: node, fileName: ast.fileName)
            switch instruction.kind {
            case .arg where stages.isEmpty:
                metaArgs.append(instruction)
            case .from(let from):
                stages.append(Stage(index: stages.count, from: from, fromInstruction: instruction, instructions: []))
            default:
                guard !stages.isEmpty else {
                    throw DockerfileError.invalidInstruction(
                        "no build stage in current context", at: instruction.range.start, line: firstLine(of: node))
                }
                stages[stages.count - 1].instructions.append(instruction)
            }
        }
        return ParsedDockerfile(ast: ast, metaArgs: metaArgs, stages: stages)
    }

    /// Decodes one instruction node (top level or ONBUILD's trigger).
    public static func instruction(from node: Node, fileName: String = "Dockerfile") throws(DockerfileError) -> Instruction {
        let decoder = NodeDecoder(node: node, fileName: fileName)
        return Instruction(kind: try decoder.decode(), range: decoder.range, original: node.original, keyword: node.value)
    }

    static func firstLine(of node: Node) -> String {
        String(node.original.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
