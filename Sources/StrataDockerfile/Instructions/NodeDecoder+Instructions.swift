extension NodeDecoder {
    func decodeFrom() throws(DockerfileError) -> FromInstruction {
        let flags = try parseFlags(["platform": .string])
        guard arguments.count == 1 || arguments.count == 3 else {
            throw error("FROM requires either one or three arguments")
        }
        var from = FromInstruction(image: arguments[0], platform: flags.strings["platform"])
        if arguments.count == 3 {
            guard arguments[1].lowercased() == "as" else {
                throw error("When using FROM with three arguments, the second argument must be \"AS\"", pointingAt: arguments[1])
            }
            let name = arguments[2].lowercased()
            if !Self.isValidStageName(name) {
                throw error("invalid name for build stage: \(GoQuote.quote(arguments[2])), name can't start with a number or contain symbols",
                            pointingAt: arguments[2])
            }
            from.stageName = name
            from.stageNameAsWritten = arguments[2]
            from.asKeyword = arguments[1]
        }
        return from
    }

    /// `^[a-z][a-z0-9-_.]*$`, BuildKit's rule for stage names.
    static func isValidStageName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    func decodeRun() throws(DockerfileError) -> RunInstruction {
        // Like BuildKit, an empty RUN is accepted here (it runs an empty shell command).
        let flags = try parseFlags(["mount": .strings, "network": .string, "security": .string])
        var mounts: [Mount] = []
        for spec in flags.lists["mount"] ?? [] {
            do {
                mounts.append(try Mount(parsing: spec))
            } catch {
                throw self.error(error.message, pointingAt: error.fragment)
            }
        }
        let network = flags.strings["network"]
        if let network, !["default", "none", "host"].contains(network) {
            throw error("unsupported network mode \(GoQuote.quote(network))", pointingAt: "--network")
        }
        let security = flags.strings["security"]
        if let security, !["sandbox", "insecure"].contains(security) {
            throw error("unsupported security mode \(GoQuote.quote(security))", pointingAt: "--security")
        }
        return RunInstruction(command: commandForm(), mounts: mounts, network: network, security: security,
                              heredocs: node.heredocs)
    }

    func decodeCopy(isAdd: Bool) throws(DockerfileError) -> CopyInstruction {
        var declared: [String: FlagSet.Kind] = ["chown": .string, "chmod": .string, "link": .bool, "exclude": .strings]
        if isAdd {
            declared["keep-git-dir"] = .bool
            declared["checksum"] = .string
        } else {
            declared["from"] = .string
            declared["parents"] = .bool
        }
        let flags = try parseFlags(declared)
        guard arguments.count >= 2 else {
            if arguments.count == 1 {
                throw error("\(keyword) requires at least two arguments, but only one was provided. Destination could not be determined")
            }
            throw error("\(keyword) requires at least two arguments")
        }
        var sources: [String] = []
        var heredocSources: [Heredoc] = []
        var remaining = node.heredocs[...]
        for word in arguments.dropLast() {
            if !node.isJSON, let marker = try? HeredocMarker.parse(word), let heredoc = remaining.first,
               heredoc.name.isIdentical(to: marker.name) {
                heredocSources.append(heredoc)
                remaining.removeFirst()
            } else {
                sources.append(word)
            }
        }
        return CopyInstruction(
            sources: sources, destination: arguments[arguments.count - 1], heredocSources: heredocSources,
            from: flags.strings["from"], chown: flags.strings["chown"], chmod: flags.strings["chmod"],
            link: flags.bools["link"] ?? false, parents: flags.bools["parents"] ?? false,
            excludes: flags.lists["exclude"] ?? [], keepGitDir: flags.bools["keep-git-dir"],
            checksum: flags.strings["checksum"], isJSONForm: node.isJSON)
    }

    func decodePairs() throws(DockerfileError) -> [KeyValuePair] {
        try noFlags()
        try requireAtLeastOne()
        guard arguments.count % 3 == 0 else { throw error("Bad input to \(keyword), too many arguments") }
        return stride(from: 0, to: arguments.count, by: 3).map {
            KeyValuePair(key: arguments[$0], value: arguments[$0 + 1], isLegacyForm: arguments[$0 + 2].isEmpty)
        }
    }

    func decodeArg() throws(DockerfileError) -> [ArgDeclaration] {
        try noFlags()
        try requireAtLeastOne()
        var declarations: [ArgDeclaration] = []
        for word in arguments {
            var declaration = ArgDeclaration(name: word)
            if let (name, defaultValue) = word.splitOnce(at: "=") {
                declaration = ArgDeclaration(name: name, defaultValue: defaultValue)
            }
            if declaration.name.isEmpty { throw error("ARG names can not be blank", pointingAt: word) }
            declarations.append(declaration)
        }
        return declarations
    }

    func decodeHealthcheck() throws(DockerfileError) -> Healthcheck {
        try requireAtLeastOne()
        let type = arguments[0].uppercased()
        switch type {
        case "NONE":
            try noFlags()
            guard arguments.count == 1 else { throw error("HEALTHCHECK NONE takes no arguments") }
            return Healthcheck()
        case "CMD":
            let flags = try parseFlags(["interval": .string, "timeout": .string, "start-period": .string,
                                        "start-interval": .string, "retries": .string])
            let command = Array(arguments.dropFirst())
            guard !command.isEmpty, command != [""] else { throw error("Missing command after HEALTHCHECK CMD") }
            var check = Healthcheck(test: node.isJSON ? .exec(command) : .shell(command.joined(separator: " ")))
            check.interval = try interval(flags, "interval")
            check.timeout = try interval(flags, "timeout")
            check.startPeriod = try interval(flags, "start-period")
            check.startInterval = try interval(flags, "start-interval")
            if let text = flags.strings["retries"] {
                guard let retries = Int(text) else { throw error("invalid --retries value \(GoQuote.quote(text))", pointingAt: "--retries") }
                if retries < 0 { throw error("--retries cannot be negative (\(retries))", pointingAt: "--retries") }
                check.retries = retries
            }
            return check
        default:
            throw error("Unknown type \(GoQuote.quote(type)) in HEALTHCHECK (try CMD)", pointingAt: arguments[0])
        }
    }

    /// A duration flag: Go syntax, 0 meaning "inherit", otherwise at least 1ms.
    private func interval(_ flags: FlagSet, _ name: String) throws(DockerfileError) -> Duration? {
        guard let text = flags.strings[name] else { return nil }
        guard let duration = GoDuration.parse(text) else {
            throw error("time: invalid duration \(GoQuote.quote(text))", pointingAt: "--\(name)")
        }
        if duration != .zero && duration < .milliseconds(1) {
            throw error("Interval \(GoQuote.quote(name)) cannot be less than 1ms", pointingAt: "--\(name)")
        }
        return duration
    }

    func decodeOnbuild() throws(DockerfileError) -> InstructionKind {
        try noFlags()
        guard let inner = node.nestedInstruction else { throw error("ONBUILD requires at least one argument") }
        switch inner.keyword {
        case "onbuild": throw error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
        case "from", "maintainer": throw error("\(inner.value.uppercased()) isn't allowed as an ONBUILD trigger")
        default: break
        }
        var located = inner
        located.startLine = node.startLine
        located.endLine = node.endLine
        let trigger = try InstructionParser.instruction(from: located, fileName: fileName)
        return .onbuild(trigger: trigger, expression: Self.onbuildExpression(node.original))
    }

    /// The original text without the leading `ONBUILD` keyword (BuildKit's `(?i)^\s*ONBUILD\s*`).
    static func onbuildExpression(_ original: String) -> String {
        var text = Substring(original).drop { $0.isWhitespace }
        if text.lowercased().hasPrefix("onbuild") { text = text.dropFirst(7) }
        return String(text.drop { $0.isWhitespace })
    }
}
