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

/// Shell form (run through the stage's SHELL) or exec form (a JSON array, run directly).
public enum CommandForm: Sendable, Hashable {
    case shell(String)
    case exec([String])

    public var isExecForm: Bool {
        if case .exec = self { return true }
        return false
    }
}

/// `FROM [--platform=…] image [AS name]`.
public struct FromInstruction: Sendable, Hashable {
    /// The image reference (or a stage name), unexpanded.
    public var image: String
    /// The stage name in lower case, as BuildKit stores it.
    public var stageName: String?
    /// The stage name exactly as written (for the StageNameCasing check).
    public var stageNameAsWritten: String?
    /// The `AS` keyword as written (for the FromAsCasing check).
    public var asKeyword: String?
    public var platform: String?
}

/// One ENV or LABEL pair; `isLegacyForm` marks `ENV key value` (no `=`).
public struct KeyValuePair: Sendable, Hashable {
    public var key: String
    public var value: String
    public var isLegacyForm: Bool

    public init(key: String, value: String, isLegacyForm: Bool = false) {
        self.key = key
        self.value = value
        self.isLegacyForm = isLegacyForm
    }
}

/// One ARG name with its optional default (`ARG A` vs `ARG A=` which is an empty default).
public struct ArgDeclaration: Sendable, Hashable {
    public var name: String
    public var defaultValue: String?

    public init(name: String, defaultValue: String? = nil) {
        self.name = name
        self.defaultValue = defaultValue
    }
}
