extension BuildChecker {
    /// InvalidDefinitionDescription (experimental in BuildKit): the comment right above a named
    /// FROM or an ARG (meta ARGs included) is taken as its description by `--call=outline`, so
    /// it should start with the stage or argument name (`# version the release to build`).
    ///
    /// As BuildKit's `validateDefinitionDescription`: only the last comment line counts, its
    /// first space-separated word is compared with the ARG keys or the lower-cased stage name,
    /// and several keys make the hint `<arg_key>`. A `#` line with nothing after it ends a
    /// comment block. The Build checks page also says an empty line separates a comment from
    /// the instruction, but BuildKit's parser keeps collecting comments across blank lines;
    /// Strata follows the parser, so the blank-line escape hatch is not honoured here either.
    /// Parser directives (`# check=…`) are not comments, as in BuildKit's parser.
    func definitionDescriptionFindings() -> [Finding] {
        var findings: [Finding] = []
        let nodes = Dictionary(dockerfile.ast.instructions.map { ($0.startLine, $0) }, uniquingKeysWith: { first, _ in first })
        for instruction in allInstructions {
            let keys: [String]
            let keyword: String
            switch instruction.kind {
            case .arg(let declarations):
                (keys, keyword) = (declarations.map(\.name), "ARG")
            case .from(let from):
                guard let name = from.stageName else { continue }
                (keys, keyword) = ([name], "FROM")
            default:
                continue
            }
            guard let node = nodes[instruction.range.start.line], let last = descriptionComments(of: node).last,
                  !keys.isEmpty else { continue }
            let firstWord = String(last.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            guard !keys.contains(firstWord) else { continue }
            let example = keys.count > 1 ? "<arg_key>" : keys[0]
            findings.append(finding(.invalidDefinitionDescription,
                "Comment for \(keyword) should follow the format: `# \(example) <description>`", at: instruction))
        }
        return findings
    }

    /// The node's comments without the parser directives at the top of the file, which
    /// BuildKit's parser removes from the comment list as it recognises them.
    func descriptionComments(of node: Node) -> [String] {
        var comments = node.previousComments[...]
        guard node.startLine == dockerfile.ast.instructions.first?.startLine else { return Array(comments) }
        for directive in dockerfile.ast.directives {
            guard let first = comments.first, let parsed = DirectiveState.match("#" + first),
                  parsed.0 == directive.name, parsed.1 == directive.value else { break }
            comments = comments.dropFirst()
        }
        return Array(comments)
    }
}
