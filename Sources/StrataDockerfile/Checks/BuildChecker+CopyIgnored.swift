extension BuildChecker {
    /// CopyIgnoredFile (experimental in BuildKit): a COPY or ADD from the build context whose
    /// source `.dockerignore` excludes, so the file will not be there to copy.
    ///
    /// Like BuildKit's `validateCopySourcePath`, each local source is passed as written (after
    /// variable expansion) to the ignore matcher, which BuildKit asks `MatchesOrParentMatches`;
    /// `COPY --from`, URLs and git sources are not from the context and are not checked.
    /// The message names the instruction as "Copy" or "Add", as the Build checks page shows.
    func copyIgnoredFindings() -> [Finding] {
        guard let isIgnored else { return [] }
        let expander = WordExpander(escape: dockerfile.ast.escape)
        var findings: [Finding] = []
        forEachInstructionWithEnvironment { _, instruction, environment in
            let copy: CopyInstruction
            let verb: String
            switch instruction.kind {
            case .copy(let value) where value.from == nil: (copy, verb) = (value, "Copy")
            case .add(let value): (copy, verb) = (value, "Add")
            default: return
            }
            for source in copy.sources {
                guard let path = try? expander.expand(source, environment: environment), !Self.isRemoteSource(path) else { continue }
                if isIgnored(path) {
                    findings.append(finding(.copyIgnoredFile,
                        "Attempting to \(verb) file \(GoQuote.quote(path)) that is excluded by .dockerignore", at: instruction))
                }
            }
        }
        return findings
    }

    /// URLs and git references, which ADD fetches rather than reading the context.
    static func isRemoteSource(_ source: String) -> Bool {
        source.hasPrefix("http://") || source.hasPrefix("https://") || source.hasPrefix("git@")
            || source.hasPrefix("git://") || source.hasPrefix("ssh://")
    }
}
