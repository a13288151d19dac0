import StrataSupport

/// Runs BuildKit's build checks over a parsed Dockerfile, without building anything.
///
/// Each rule lives in its own extension (`BuildChecker+Stages.swift`, …); this type only holds
/// the inputs and gathers findings, honouring `# check=skip=…;error=true`.
public struct BuildChecker: Sendable {
    public var dockerfile: ParsedDockerfile
    public var configuration: CheckConfiguration
    /// Variables assumed to be set by base images (BuildKit reads them from the image config;
    /// without a registry we assume the common ones).
    public var baseImageVariables: Set<String>
    /// Whether the build context's `.dockerignore` excludes a COPY/ADD source, given as written
    /// (after variable expansion). Nil when there is no `.dockerignore`: CopyIgnoredFile then
    /// has nothing to report. A closure so that this module need not know the ignore syntax.
    public var isIgnored: (@Sendable (String) -> Bool)?

    public init(_ dockerfile: ParsedDockerfile, configuration: CheckConfiguration? = nil,
                baseImageVariables: Set<String> = ["PATH"], isIgnored: (@Sendable (String) -> Bool)? = nil) {
        self.dockerfile = dockerfile
        self.configuration = configuration ?? CheckConfiguration(directive: dockerfile.ast.directive("check"))
        self.baseImageVariables = baseImageVariables
        self.isIgnored = isIgnored
    }

    /// Parses and checks `text`; `isIgnored` answers for the context's `.dockerignore`.
    public static func check(_ text: String, fileName: String = "Dockerfile",
                             isIgnored: (@Sendable (String) -> Bool)? = nil) throws(DockerfileError) -> [Finding] {
        BuildChecker(try InstructionParser.parse(text, fileName: fileName), isIgnored: isIgnored).findings()
    }

    /// All enabled findings, sorted by line.
    public func findings() -> [Finding] {
        var all: [Finding] = []
        all += emptyContinuationFindings()
        all += casingFindings()
        all += stageFindings()
        all += definitionDescriptionFindings()
        all += fromFindings()
        all += instructionFindings()
        all += exposeFindings()
        all += copyIgnoredFindings()
        all += undefinedVariableFindings()
        return all
            .filter { configuration.isEnabled($0.rule) }
            .map { finding in
                var finding = finding
                if configuration.findingsAreErrors { finding.severity = .error }
                return finding
            }
            .enumerated()
            .sorted { ($0.element.range.start.line, $0.offset) < ($1.element.range.start.line, $1.offset) }
            .map(\.element)
    }

    func finding(_ rule: Rule, _ message: String, at instruction: Instruction) -> Finding {
        Finding(rule: rule, message: message, range: instruction.range)
    }

    func range(of node: Node) -> SourceRange {
        let file = dockerfile.ast.fileName
        return SourceRange(start: SourceLocation(file: file, line: node.startLine),
                           end: SourceLocation(file: file, line: node.endLine))
    }

    /// Every instruction in file order: meta ARGs, then each stage's FROM and body.
    var allInstructions: [Instruction] {
        (dockerfile.metaArgs + dockerfile.stages.flatMap { [$0.fromInstruction] + $0.instructions })
            .sorted { $0.range.start.line < $1.range.start.line }
    }
}
