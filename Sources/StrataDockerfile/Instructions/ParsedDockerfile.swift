/// A Dockerfile split into global ARGs and stages.
public struct ParsedDockerfile: Sendable, Hashable {
    /// The AST it came from (directives, escape character, warnings).
    public var ast: DockerfileAST
    /// ARG instructions before the first FROM: usable in FROM lines and redeclarable in stages.
    public var metaArgs: [Instruction]
    public var stages: [Stage]

    /// The stage named `name` (case-insensitive, as BuildKit compares stage names).
    public func stage(named name: String) -> Stage? {
        stages.first { $0.name == name.lowercased() }
    }
}
