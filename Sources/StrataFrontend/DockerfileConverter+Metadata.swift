import StrataDockerfile
import StrataLLB
import StrataOCI
import StrataSupport

extension DockerfileConverter {
    /// Converts one instruction, updating the stage's vertex, config and history the way
    /// BuildKit (docker 20.10's dockerfile frontend, recorded in Tests/Conformance) does.
    mutating func dispatch(_ instruction: Instruction, in state: inout StageState) throws {
        let at = instruction.range.start
        switch instruction.kind {
        case .from:
            break
        case .run(let run):
            try dispatchRun(run, instruction: instruction, in: &state)
        case .copy(let copy):
            try dispatchCopy(copy, isAdd: false, instruction: instruction, in: &state)
        case .add(let copy):
            try dispatchCopy(copy, isAdd: true, instruction: instruction, in: &state)
        case .workdir(let path):
            try dispatchWorkdir(path, instruction: instruction, in: &state)
        case .env(let pairs):
            // Every value is expanded against the environment before this instruction, so a
            // reference to a variable set earlier on the same line sees its old value.
            let lookup = state.lookup
            var parts: [String] = []
            var env = state.config.env ?? []
            for pair in pairs {
                let key = try expand(pair.key, environment: lookup, at: at)
                let value = try expand(pair.value, environment: lookup, at: at)
                parts.append("\(key)=\(value)")
                state.setEnvironment(key, value)
                // A redefined key keeps its place (PATH stays first); a new one goes last.
                if let existing = env.firstIndex(where: { Self.assigns($0, key) }) {
                    env[existing] = "\(key)=\(value)"
                } else {
                    env.append("\(key)=\(value)")
                }
            }
            state.config.env = env
            state.addHistory("ENV " + parts.joined(separator: " "), emptyLayer: true)
        case .arg(let declarations):
            var parts: [String] = []
            for declaration in declarations {
                var text = declaration.name
                var value = options.buildArgs[declaration.name]
                if let defaultValue = declaration.defaultValue {
                    let expanded = try expand(defaultValue, environment: state.lookup, at: at)
                    text += "=" + expanded
                    if value == nil { value = expanded }
                }
                if value == nil, let meta = metaArgs.first(where: { $0.key == declaration.name }) { value = meta.value }
                if value == nil, declaration.defaultValue == nil, let predefined = options.platform.predefinedArgs[declaration.name] {
                    value = predefined
                }
                parts.append(text)
                if let value { state.setEnvironment(declaration.name, value) }
                state.buildArgs.append((declaration.name, value))
            }
            state.addHistory("ARG " + parts.joined(separator: " "), emptyLayer: true)
        case .label(let pairs):
            var labels = state.config.labels ?? [:]
            var parts: [String] = []
            for pair in pairs {
                let key = try expand(pair.key, environment: state.lookup, at: at)
                let value = try expand(pair.value, environment: state.lookup, at: at)
                labels[key] = value
                parts.append("\(key)=\(value)")
            }
            state.config.labels = labels
            state.addHistory("LABEL " + parts.joined(separator: " "), emptyLayer: true)
        case .maintainer(let name):
            state.author = name
            state.addHistory("MAINTAINER " + name, emptyLayer: true)
        case .user(let user):
            let expanded = try expand(user, environment: state.lookup, at: at)
            state.config.user = expanded
            state.addHistory("USER " + expanded, emptyLayer: true)
        case .expose(let ports):
            var added: [String] = []
            for word in ports {
                let expanded = try expand(word, environment: state.lookup, at: at)
                added += try Self.exposedPorts(expanded, at: at, line: sourceLine(at.line))
            }
            var exposed = state.config.exposedPorts ?? [:]
            for port in added { exposed[port] = EmptyObject() }
            state.config.exposedPorts = exposed
            state.addHistory("EXPOSE " + GoFormat.emptyStructMap(Array(Set(added))), emptyLayer: true)
        case .volume(let paths):
            var volumes = state.config.volumes ?? [:]
            var added: [String] = []
            for path in paths {
                let expanded = try expand(path, environment: state.lookup, at: at)
                guard !expanded.isEmpty else { throw FrontendError("VOLUME specified can not be an empty string", at: at, line: sourceLine(at.line)) }
                volumes[expanded] = EmptyObject()
                added.append(expanded)
            }
            state.config.volumes = volumes
            state.addHistory("VOLUME " + GoFormat.plainList(added), emptyLayer: true)
        case .stopSignal(let signal):
            let expanded = try expand(signal, environment: state.lookup, at: at)
            state.config.stopSignal = expanded
            state.addHistory("STOPSIGNAL " + expanded, emptyLayer: true)
        case .healthcheck(let check):
            let health = Self.healthcheck(check, shell: state.shell)
            state.config.healthcheck = health
            let fields = [
                GoFormat.quotedList(health.test ?? []),
                GoFormat.quote(GoFormat.duration(nanoseconds: health.interval ?? 0)),
                GoFormat.quote(GoFormat.duration(nanoseconds: health.timeout ?? 0)),
                GoFormat.quote(GoFormat.duration(nanoseconds: health.startPeriod ?? 0)),
                GoFormat.quoteByte(health.retries ?? 0),
            ]
            state.addHistory("HEALTHCHECK &{" + fields.joined(separator: " ") + "}", emptyLayer: true)
        case .cmd(let form):
            let command = commandLine(form, shell: state.shell)
            state.config.cmd = command
            state.cmdSet = true
            // docker 20.10's frontend sets ArgsEscaped for every CMD, shell or exec form.
            state.config.argsEscaped = true
            state.addHistory("CMD " + GoFormat.quotedList(command), emptyLayer: true)
        case .entrypoint(let form):
            let command = commandLine(form, shell: state.shell)
            state.config.entrypoint = command
            // An ENTRYPOINT drops a CMD inherited from the base, but keeps one this stage set.
            if !state.cmdSet { state.config.cmd = nil }
            state.addHistory("ENTRYPOINT " + GoFormat.quotedList(command), emptyLayer: true)
        case .shell(let shell):
            state.config.shell = shell
            state.addHistory("SHELL " + GoFormat.plainList(shell), emptyLayer: true)
        case .onbuild(_, let expression):
            // docker 20.10's BuildKit records the trigger in the config but writes no history entry.
            state.config.onBuild = (state.config.onBuild ?? []) + [expression]
        }
    }

    /// Shell form runs through the stage's SHELL; exec form is used as written.
    func commandLine(_ form: CommandForm, shell: [String]) -> [String] {
        switch form {
        case .shell(let text): shell + [text]
        case .exec(let words): words
        }
    }

    static func healthcheck(_ check: StrataDockerfile.Healthcheck, shell: [String]) -> StrataOCI.Healthcheck {
        var health = StrataOCI.Healthcheck()
        switch check.test {
        case nil: health.test = ["NONE"]
        case .shell(let text)?: health.test = ["CMD-SHELL", text]
        case .exec(let words)?: health.test = ["CMD"] + words
        }
        func nanoseconds(_ duration: Duration?) -> Int64? {
            guard let duration else { return nil }
            let (seconds, attoseconds) = duration.components
            return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        }
        health.interval = nanoseconds(check.interval)
        health.timeout = nanoseconds(check.timeout)
        health.startPeriod = nanoseconds(check.startPeriod)
        health.startInterval = nanoseconds(check.startInterval)
        health.retries = check.retries
        return health
    }

    /// `EXPOSE` words as docker's nat.ParsePortSpecs reads them: `80`, `80/udp`, `8000-8002`.
    static func exposedPorts(_ word: String, at location: SourceLocation, line: String?) throws -> [String] {
        var text = word
        var proto = "tcp"
        if let slash = word.lastIndex(of: "/") {
            text = String(word[..<slash])
            proto = String(word[word.index(after: slash)...]).lowercased()
        }
        // `ip:hostPort:containerPort` forms keep only the container port.
        if let colon = text.lastIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last ?? ""), low <= high, high <= 65535 else {
            throw FrontendError("invalid containerPort: \(text)", at: location, line: line)
        }
        return (low...high).map { "\($0)/\(proto)" }
    }

    /// ONBUILD triggers of the base run first, as instructions of this stage.
    mutating func runOnBuildTriggers(_ state: inout StageState, stage: Stage) throws {
        guard let triggers = state.config.onBuild, !triggers.isEmpty else { return }
        state.config.onBuild = nil
        for trigger in triggers {
            let parsed: ParsedDockerfile
            do { parsed = try InstructionParser.parse("FROM scratch\n" + trigger + "\n", fileName: fileName) } catch {
                throw FrontendError("invalid ONBUILD trigger \"\(trigger)\": \(error)", at: stage.fromInstruction.range.start)
            }
            for var instruction in parsed.stages.first?.instructions ?? [] {
                instruction.range = stage.fromInstruction.range
                try dispatch(instruction, in: &state)
            }
        }
    }
}
