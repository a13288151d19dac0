import StrataSupport

extension DockerfileAST {
    /// Throws for the first instruction whose keyword BuildKit does not know (ONBUILD triggers
    /// included), with a "did you mean" hint.
    ///
    /// The parser itself keeps unknown instructions, exactly as BuildKit's does (they are
    /// rejected when instructions are decoded); call this when only the AST is needed but
    /// typos should still be reported, as `strata parse` might.
    public func validateKeywords() throws(DockerfileError) {
        for node in instructions {
            for candidate in [node] + (node.nestedInstruction.map { [$0] } ?? []) {
                guard !DockerfileParser.keywords.contains(candidate.keyword) else { continue }
                let hint = suggestion(for: candidate.keyword, in: DockerfileParser.keywords)?.uppercased()
                let firstLine = node.original.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                throw .unknownInstruction(
                    candidate.value, at: SourceLocation(file: fileName, line: max(node.startLine, 1), column: 1),
                    suggestion: hint, line: String(firstLine))
            }
        }
    }
}
