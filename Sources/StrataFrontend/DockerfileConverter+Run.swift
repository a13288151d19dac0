import StrataDockerfile
import StrataLLB
import StrataOCI
import StrataSupport

extension DockerfileConverter {
    /// RUN: an exec op on the stage's filesystem with the stage's ENV and ARGs, its mounts,
    /// and a history line in BuildKit's form `RUN |N K=V ... /bin/sh -c CMD # buildkit`.
    mutating func dispatchRun(_ run: RunInstruction, instruction: Instruction, in state: inout StageState) throws {
        let at = instruction.range.start
        let arguments: [String]
        switch run.command {
        case .shell(let text): arguments = state.shell + [text]
        case .exec(let words): arguments = words
        }
        var mounts: [StrataLLB.Mount] = []
        var inputs: [Digest] = [state.vertex]
        var secrets: [String] = []
        for mount in run.mounts {
            let target = try mount.target.map { try expand($0, environment: state.lookup, at: at) }
            switch mount.type {
            case .secret:
                let id = mount.id ?? target.map { String($0.split(separator: "/").last ?? "") } ?? ""
                let path = target ?? (mount.env == nil ? "/run/secrets/\(id)" : "")
                mounts.append(StrataLLB.Mount(target: path, kind: .secret(
                    id: id, required: mount.required, mode: mount.mode ?? 0o400, uid: mount.uid ?? 0, gid: mount.gid ?? 0,
                    environmentName: mount.env)))
                secrets.append(id)
            case .ssh:
                let id = mount.id ?? "default"
                mounts.append(StrataLLB.Mount(target: target ?? "/run/buildkit/ssh_agent.\(mounts.count)", kind: .ssh(
                    id: id, required: mount.required, mode: mount.mode ?? 0o600, uid: mount.uid ?? 0, gid: mount.gid ?? 0)))
            case .cache:
                guard let target else { throw FrontendError("cache mount requires a target", at: at, line: sourceLine(at.line)) }
                mounts.append(StrataLLB.Mount(target: absolute(target, in: state), kind: .cache(
                    id: mount.id ?? target, sharing: mount.sharing.rawValue, readOnly: mount.readOnly,
                    mode: mount.mode ?? 0o755, uid: mount.uid ?? 0, gid: mount.gid ?? 0)))
            case .tmpfs:
                guard let target else { throw FrontendError("tmpfs mount requires a target", at: at, line: sourceLine(at.line)) }
                mounts.append(StrataLLB.Mount(target: absolute(target, in: state), kind: .tmpfs(size: mount.size.map(Int.init))))
            case .bind:
                guard let target else { throw FrontendError("bind mount requires a target", at: at, line: sourceLine(at.line)) }
                let source = try mount.source.map { try expand($0, environment: state.lookup, at: at) } ?? "/"
                let input = try inputVertex(from: mount.from.map { try expand($0, environment: state.lookup, at: at) }, in: &state, at: at)
                inputs.append(input)
                mounts.append(StrataLLB.Mount(target: absolute(target, in: state), kind: .bind(input: inputs.count - 1, source: source, readWrite: !mount.readOnly)))
            }
        }
        let exec = ExecOp(
            arguments: arguments, environment: state.execEnvironment, workingDirectory: state.workingDirectory,
            user: state.config.user ?? "", mounts: mounts, network: run.network ?? "default", shellScript: nil)
        let display = expandForDisplay(Self.firstLine(instruction.original), environment: state.lookup)
        let name = state.stepName(Self.uppercaseKeyword(display))
        state.vertex = definition.add(Vertex(op: .exec(exec), inputs: inputs, name: name, source: instruction.range))
        steps[state.vertex] = StepInfo(stage: state.index, stageName: state.displayName, instruction: Self.firstLine(instruction.original), line: at.line, secrets: secrets)
        for id in secrets where !state.mountedSecrets.contains(id) { state.mountedSecrets.append(id) }
        state.addHistory("RUN " + runHistory(arguments, state: state) + " # buildkit", emptyLayer: false)
    }

    /// BuildKit's runCommandString: `|N K=V ...` for every ARG in scope (the ENV value when an
    /// ENV of that name is set, else the ARG's value, empty when it has none), then the command.
    func runHistory(_ arguments: [String], state: StageState) -> String {
        var parts: [String] = []
        let lookup = state.lookup
        for (key, value) in state.buildArgs {
            parts.append("\(key)=\(lookup[key] ?? value ?? "")")
        }
        if !parts.isEmpty { parts.insert("|\(parts.count)", at: 0) }
        return (parts + arguments).joined(separator: " ")
    }

    func absolute(_ path: String, in state: StageState) -> String {
        if path.hasPrefix("/") { return path }
        let base = state.workingDirectory
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// A vertex to read files from: the build context (nil), a stage by name or index, or an image.
    mutating func inputVertex(from reference: String?, in state: inout StageState, at location: SourceLocation) throws -> Digest {
        guard let reference else { return contextSource() }
        if let index = stageIndex(named: reference), index != state.index {
            let source = try stage(index)
            if !state.dependencies.contains(index) { state.dependencies.append(index) }
            return source.vertex
        }
        _ = try resolveImageForCopy(reference, at: location)
        return definition.add(Vertex(op: .source(.image(reference: reference)), inputs: [], name: "FROM \(Self.canonicalReference(reference))"))
    }

    func resolveImageForCopy(_ reference: String, at location: SourceLocation) throws -> ImageConfig {
        do { return try resolveImage(reference) } catch {
            throw FrontendError("failed to resolve image \"\(reference)\": \(error)", at: location, line: sourceLine(location.line))
        }
    }

    mutating func contextSource() -> Digest {
        if let contextVertex { return contextVertex }
        let vertex = definition.add(Vertex(op: .source(.context(name: options.contextName, include: [], exclude: [])), inputs: [], name: "[internal] load build context"))
        contextVertex = vertex
        return vertex
    }

    /// Whether the `K=V` entry `entry` sets `key` (what `entry.splitAssignment().0 == key`
    /// says), by bytes: ENV looks through every entry for each key it sets.
    static func assigns(_ entry: String, _ key: String) -> Bool {
        let entryBytes = entry.utf8, keyBytes = key.utf8
        guard entryBytes.count > keyBytes.count, !keyBytes.contains(UInt8(ascii: "=")) else {
            return entry.splitAssignment().0 == key
        }
        let equals = entryBytes.index(entryBytes.startIndex, offsetBy: keyBytes.count)
        return entryBytes[equals] == UInt8(ascii: "=") && entryBytes[..<equals].elementsEqual(keyBytes)
    }

    static func firstLine(_ text: String) -> String {
        // By UTF-8 bytes: splitting by `Character` walks grapheme boundaries, which cost more
        // than the rest of converting the instruction ("\r\n" is one `Character`: keep that).
        guard let newline = text.utf8.firstIndex(of: UInt8(ascii: "\n")) else { return text }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        return String(text[..<newline])
    }

    /// BuildKit shows the keyword upper-cased: `run echo` → `RUN echo`.
    static func uppercaseKeyword(_ text: String) -> String {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return text.uppercased() }
        return text[..<space].uppercased() + text[space...]
    }
}
