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

    public init(_ dockerfile: ParsedDockerfile, configuration: CheckConfiguration? = nil,
                baseImageVariables: Set<String> = ["PATH"]) {
        self.dockerfile = dockerfile
        self.configuration = configuration ?? CheckConfiguration(directive: dockerfile.ast.directive("check"))
        self.baseImageVariables = baseImageVariables
    }

    /// Parses and checks `text`.
    public static func check(_ text: String, fileName: String = "Dockerfile") throws(DockerfileError) -> [Finding] {
        BuildChecker(try InstructionParser.parse(text, fileName: fileName)).findings()
    }

    /// All enabled findings, sorted by line.
    public func findings() -> [Finding] {
        var all: [Finding] = []
        all += emptyContinuationFindings()
        all += casingFindings()
        all += stageFindings()
        all += instructionFindings()
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
