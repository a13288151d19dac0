import StrataSupport

/// Decodes one node; holds the node and knows how to point errors at it.
struct NodeDecoder {
    let node: Node
    let fileName: String
    /// The node's argument values, collected once: decoders index into them per argument, and
    /// rebuilding the array on each access made `ENV` with n pairs O(n²): 5,000 pairs took 40
    /// seconds (Docs/fuzzing.md).
    let arguments: [String]

    init(node: Node, fileName: String) {
        self.node = node
        self.fileName = fileName
        self.arguments = node.argumentValues
    }
    var keyword: String { node.value.uppercased() }

    var range: SourceRange {
        SourceRange(start: SourceLocation(file: fileName, line: max(node.startLine, 1), column: 1),
                    end: SourceLocation(file: fileName, line: max(node.endLine, node.startLine, 1), column: 1))
    }

    /// An error at the instruction, or at `fragment` (e.g. the bad flag) when it can be found on
    /// the first line.
    func error(_ message: String, pointingAt fragment: String? = nil) -> DockerfileError {
        let line = InstructionParser.firstLine(of: node)
        var column = 1
        if let fragment, let found = line.firstRange(of: fragment) {
            column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: found.lowerBound) + 1
        }
        let location = SourceLocation(file: fileName, line: max(node.startLine, 1), column: column)
        return .invalidInstruction(message, at: location, line: line)
    }

    func parseFlags(_ declared: [String: FlagSet.Kind]) throws(DockerfileError) -> FlagSet {
        var flags = FlagSet(declared)
        do {
            try flags.parse(node.flags)
        } catch {
            throw self.error(error.message, pointingAt: error.flag)
        }
        return flags
    }

    func requireAtLeastOne() throws(DockerfileError) {
        if arguments.isEmpty { throw error("\(keyword) requires at least one argument") }
    }

    func requireExactlyOne() throws(DockerfileError) -> String {
        guard arguments.count == 1 else { throw error("\(keyword) requires exactly one argument") }
        return arguments[0]
    }

    func noFlags() throws(DockerfileError) {
        _ = try parseFlags([:])
    }

    func commandForm() -> CommandForm {
        node.isJSON ? .exec(arguments) : .shell(arguments.joined(separator: " "))
    }

    func decode() throws(DockerfileError) -> InstructionKind {
        switch node.keyword {
        case "from": return .from(try decodeFrom())
        case "run": return .run(try decodeRun())
        case "cmd":
            try noFlags()
            return .cmd(commandForm())
        case "entrypoint":
            try noFlags()
            return .entrypoint(commandForm())
        case "shell":
            try noFlags()
            try requireAtLeastOne()
            guard node.isJSON else { throw error("SHELL requires the arguments to be in JSON form") }
            return .shell(arguments)
        case "copy": return .copy(try decodeCopy(isAdd: false))
        case "add": return .add(try decodeCopy(isAdd: true))
        case "env": return .env(try decodePairs())
        case "label": return .label(try decodePairs())
        case "arg": return .arg(try decodeArg())
        case "workdir":
            try noFlags()
            return .workdir(try requireExactlyOne())
        case "user":
            try noFlags()
            return .user(try requireExactlyOne())
        case "stopsignal":
            try noFlags()
            return .stopSignal(try requireExactlyOne())
        case "maintainer":
            try noFlags()
            return .maintainer(try requireExactlyOne())
        case "expose":
            try noFlags()
            try requireAtLeastOne()
            return .expose(arguments)
        case "volume":
            try noFlags()
            try requireAtLeastOne()
            let volumes = arguments.map(\.trimmingSpace)
            if volumes.contains("") { throw error("VOLUME specified can not be an empty string") }
            return .volume(volumes)
        case "healthcheck": return .healthcheck(try decodeHealthcheck())
        case "onbuild": return try decodeOnbuild()
        default:
            let hint = suggestion(for: node.keyword, in: DockerfileParser.keywords)?.uppercased()
            throw DockerfileError.unknownInstruction(
                node.value, at: SourceLocation(file: fileName, line: max(node.startLine, 1), column: 1),
                suggestion: hint, line: InstructionParser.firstLine(of: node))
        }
    }
}
