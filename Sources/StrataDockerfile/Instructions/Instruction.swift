import StrataSupport

/// One typed Dockerfile instruction with where it came from.
///
/// Words are kept raw (quotes and `$VAR` references unexpanded): the frontend expands them with
/// the stage's environment at the point the instruction runs, as BuildKit does.
public struct Instruction: Sendable, Hashable {
    /// What the instruction does.
    public var kind: InstructionKind
    /// The lines the instruction spans (heredoc bodies included).
    public var range: SourceRange
    /// The instruction as written (continuations joined).
    public var original: String
    /// The keyword as written, for checks on its casing.
    public var keyword: String

    public init(kind: InstructionKind, range: SourceRange, original: String, keyword: String) {
        self.kind = kind
        self.range = range
        self.original = original
        self.keyword = keyword
    }

    /// The keyword in upper case (`RUN`, `COPY`, …).
    public var name: String { kind.name }
}

/// The instructions BuildKit knows, each with its decoded arguments.
public indirect enum InstructionKind: Sendable, Hashable {
    case from(FromInstruction)
    case run(RunInstruction)
    case cmd(CommandForm)
    case entrypoint(CommandForm)
    /// SHELL: always exec form.
    case shell([String])
    case copy(CopyInstruction)
    case add(CopyInstruction)
    case env([KeyValuePair])
    case label([KeyValuePair])
    case arg([ArgDeclaration])
    case workdir(String)
    case user(String)
    case expose([String])
    case volume([String])
    case stopSignal(String)
    case healthcheck(Healthcheck)
    /// ONBUILD: the trigger, decoded, and its text as it will be replayed.
    case onbuild(trigger: Instruction, expression: String)
    case maintainer(String)

    public var name: String {
        switch self {
        case .from: "FROM"
        case .run: "RUN"
        case .cmd: "CMD"
        case .entrypoint: "ENTRYPOINT"
        case .shell: "SHELL"
        case .copy: "COPY"
        case .add: "ADD"
        case .env: "ENV"
        case .label: "LABEL"
        case .arg: "ARG"
        case .workdir: "WORKDIR"
        case .user: "USER"
        case .expose: "EXPOSE"
        case .volume: "VOLUME"
        case .stopSignal: "STOPSIGNAL"
        case .healthcheck: "HEALTHCHECK"
        case .onbuild: "ONBUILD"
        case .maintainer: "MAINTAINER"
        }
    }
}

extension Instruction {
    /// An error located at this instruction, for later stages (expansion, conversion) that
    /// find a problem with it: `Dockerfile:7:1: error: …` with the instruction's first line.
    public func error(_ message: String) -> DockerfileError {
        let firstLine = original.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return .invalidInstruction(message, at: range.start, line: String(firstLine))
    }
}
