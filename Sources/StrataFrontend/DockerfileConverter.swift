import StrataDockerfile
import StrataLLB
import StrataOCI
import StrataSupport

/// Turns a parsed Dockerfile into an operation graph and the image config BuildKit's
/// dockerfile frontend would produce, following dockerfile2llb: stages are converted on demand
/// from the target, so unreachable stages are never part of the graph.
public struct DockerfileConverter {
    /// Resolves a base image reference (already expanded, e.g. `busybox:sim`) to its config.
    public typealias ImageResolver = (String) throws -> ImageConfig

    let dockerfile: ParsedDockerfile
    let options: FrontendOptions
    let resolveImage: ImageResolver
    let fileName: String
    let lines: [Substring]

    var definition = Definition()
    var converted: [Int: StageState] = [:]
    var inProgress: Set<Int> = []
    var steps: [Digest: StepInfo] = [:]
    var warnings: [Diagnostic] = []
    /// Global ARGs (before the first FROM) with build-arg overrides, for FROM and `ARG NAME`.
    var metaArgs: [(key: String, value: String?)] = []
    var contextVertex: Digest?

    /// `source` is the Dockerfile's text, for showing the offending line in errors.
    public init(_ dockerfile: ParsedDockerfile, source: String, options: FrontendOptions, resolveImage: @escaping ImageResolver) {
        self.dockerfile = dockerfile
        self.options = options
        self.resolveImage = resolveImage
        self.fileName = dockerfile.ast.fileName
        // Split by UTF-8 bytes where that gives the same lines as splitting by `Character`
        // (grapheme breaking costs more than converting); "\r\n" is one `Character`.
        if source.utf8.contains(UInt8(ascii: "\r")) {
            self.lines = [""] + source.split(separator: "\n", omittingEmptySubsequences: false)
        } else {
            self.lines = [""] + source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        }
    }

    public mutating func convert() throws -> ConvertedBuild {
        guard !dockerfile.stages.isEmpty else {
            throw FrontendError("the Dockerfile has no FROM instruction: add one, e.g. FROM busybox", at: SourceLocation(file: fileName, line: 1))
        }
        try evaluateMetaArgs()
        let target = try targetIndex()
        let state = try stage(target)
        let summaries = dockerfile.stages.map { stage -> StageSummary in
            let state = converted[stage.index]
            return StageSummary(
                index: stage.index, name: stage.name, displayName: displayName(stage.index), reachable: state != nil,
                root: state?.vertex, mountedSecrets: state?.mountedSecrets ?? [], dependencies: state?.dependencies ?? [])
        }
        var image = ImageConfig(architecture: options.platform.architecture, os: options.platform.os, config: state.config, history: state.history)
        image.author = state.author
        return ConvertedBuild(
            definition: definition, root: state.vertex, image: image, targetStage: target, stages: summaries, steps: steps,
            warnings: warnings, targetClosure: definition.closure(of: state.vertex))
    }

    // MARK: Stages

    private func targetIndex() throws -> Int {
        guard let target = options.target else { return dockerfile.stages.count - 1 }
        if let stage = dockerfile.stage(named: target) { return stage.index }
        let names = dockerfile.stages.compactMap(\.name)
        // BuildKit's wording, name unquoted: "target stage nonexistent could not be found".
        var message = "target stage \(target) could not be found"
        if let suggestion = closestMatch(to: target, in: names) { message += " (did you mean \"\(suggestion)\"?)" }
        throw FrontendError(message, at: nil)
    }

    func displayName(_ index: Int) -> String {
        if let name = dockerfile.stages[index].name { return name }
        return dockerfile.stages.count > 1 ? "stage-\(index)" : ""
    }

    /// A stage by name (case-insensitive) or index, as FROM, COPY --from and --mount from= name them.
    func stageIndex(named reference: String, before limit: Int? = nil) -> Int? {
        if let stage = dockerfile.stage(named: reference), limit.map({ stage.index < $0 }) ?? true { return stage.index }
        if let number = Int(reference), number >= 0, number < (limit ?? dockerfile.stages.count) { return number }
        return nil
    }

    /// Converts a stage (once), converting the stages it depends on first.
    mutating func stage(_ index: Int) throws -> StageState {
        if let state = converted[index] { return state }
        let stage = dockerfile.stages[index]
        guard !inProgress.contains(index) else {
            throw FrontendError("circular dependency between build stages at stage \"\(displayName(index))\"", at: stage.fromInstruction.range.start)
        }
        inProgress.insert(index)
        defer { inProgress.remove(index) }
        var state = try base(of: stage)
        try runOnBuildTriggers(&state, stage: stage)
        for instruction in stage.instructions {
            try dispatch(instruction, in: &state)
        }
        converted[index] = state
        return state
    }

    static func producesVertex(_ kind: InstructionKind) -> Bool {
        switch kind {
        case .run, .copy, .add, .workdir: true
        default: false
        }
    }

    /// The stage's starting point: scratch, an earlier stage, or an image.
    private mutating func base(of stage: Stage) throws -> StageState {
        let location = stage.fromInstruction.range.start
        let name = try expand(stage.from.image, environment: metaLookup, at: location)
        // BuildKit numbers a stage's steps `[i/n]`: n counts the vertex-producing instructions,
        // plus the FROM when it pulls an image.
        let total = stage.instructions.filter { Self.producesVertex($0.kind) }.count
        if name.lowercased() == "scratch" {
            let vertex = definition.add(Vertex(op: .source(.scratch), inputs: [], name: "scratch"))
            var state = StageState(index: stage.index, displayName: displayName(stage.index), vertex: vertex, config: ContainerConfig(), history: [], environment: [])
            state.config.env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
            state.config.workingDir = "/"
            state.environment = [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")]
            state.commandTotal = total
            return state
        }
        if let parent = stageIndex(named: name, before: stage.index) {
            var inherited = try self.stage(parent)
            inherited.index = stage.index
            inherited.displayName = displayName(stage.index)
            inherited.buildArgs = []
            inherited.cmdSet = false
            inherited.commandIndex = 0
            inherited.commandTotal = total
            inherited.mountedSecrets = []
            inherited.dependencies = [parent]
            inherited.environment = environment(fromConfig: inherited.config)
            return inherited
        }
        let image: ImageConfig
        do { image = try resolveImage(name) } catch {
            throw FrontendError("failed to resolve image \"\(name)\": \(error)", at: location, line: sourceLine(location.line))
        }
        var config = image.config ?? ContainerConfig()
        config.extra = [:]
        var state = StageState(
            index: stage.index, displayName: displayName(stage.index), vertex: Digest.of([UInt8]()), config: config,
            history: image.history ?? [], environment: environment(fromConfig: config))
        state.commandTotal = total + 1
        let stepName = state.stepName("FROM \(Self.canonicalReference(name))")
        state.vertex = definition.add(Vertex(op: .source(.image(reference: name)), inputs: [], name: stepName, source: stage.fromInstruction.range))
        if steps[state.vertex] == nil {
            steps[state.vertex] = StepInfo(stage: stage.index, stageName: state.displayName, instruction: stage.fromInstruction.original, line: location.line, secrets: [])
        }
        return state
    }

    func environment(fromConfig config: ContainerConfig) -> [(key: String, value: String)] {
        (config.env ?? []).map { entry in
            let (key, value) = entry.splitAssignment()
            return (key, value)
        }
    }

    /// `docker.io/library/busybox:sim` for `busybox:sim`, as BuildKit names FROM steps.
    static func canonicalReference(_ name: String) -> String {
        guard let reference = try? ImageReference(parsing: name) else { return name }
        return reference.withDefaultTag.fullDescription
    }

    // MARK: Meta args

    private mutating func evaluateMetaArgs() throws {
        for instruction in dockerfile.metaArgs {
            guard case .arg(let declarations) = instruction.kind else { continue }
            for declaration in declarations {
                var value = options.buildArgs[declaration.name]
                if value == nil, let defaultValue = declaration.defaultValue {
                    value = try expand(defaultValue, environment: metaLookup, at: instruction.range.start)
                }
                metaArgs.removeAll { $0.key == declaration.name }
                metaArgs.append((declaration.name, value))
            }
        }
    }

    var metaLookup: [String: String] {
        var lookup = options.platform.predefinedArgs
        for (key, value) in metaArgs { if let value { lookup[key] = value } }
        return lookup
    }

    // MARK: Expansion

    func expand(_ word: String, environment: [String: String], at location: SourceLocation) throws -> String {
        if isLiteral(word) { return word }
        do {
            return try WordExpander(escape: dockerfile.ast.escape).expand(word, environment: environment)
        } catch {
            throw FrontendError("\(error)", at: location, line: sourceLine(location.line))
        }
    }

    func expandWords(_ word: String, environment: [String: String], at location: SourceLocation) throws -> [String] {
        do {
            return try WordExpander(escape: dockerfile.ast.escape).expandWords(word, environment: environment)
        } catch {
            throw FrontendError("\(error)", at: location, line: sourceLine(location.line))
        }
    }

    /// Expansion for progress names: quotes kept, unset variables left as written.
    func expandForDisplay(_ text: String, environment: [String: String]) -> String {
        if isLiteral(text) { return text }
        return (try? WordExpander(escape: dockerfile.ast.escape, rawQuotes: true, rawEscapes: true, skipUnsetVariables: true).expand(text, environment: environment)) ?? text
    }

    /// Whether expanding `word` cannot change it: no `$`, no quotes, no escape character. Most
    /// words are like that, and the expander's scanner is the largest cost of a conversion.
    func isLiteral(_ word: String) -> Bool {
        guard let escape = dockerfile.ast.escape.asciiValue else { return false }
        return !word.utf8.contains { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == escape }
    }

    func sourceLine(_ line: Int) -> String? {
        line > 0 && line < lines.count ? String(lines[line]) : nil
    }
}
