import StrataDockerfile
import StrataLLB
import StrataOCI
import StrataSupport

extension DockerfileConverter {
    /// COPY and ADD: a file op copying from the context, a stage or an image into the stage.
    /// History is `COPY SRC... DEST # buildkit` with words expanded and flags left out.
    mutating func dispatchCopy(_ copy: CopyInstruction, isAdd: Bool, instruction: Instruction, in state: inout StageState) throws {
        let at = instruction.range.start
        let keyword = isAdd ? "ADD" : "COPY"
        let lookup = state.lookup
        var sources = try copy.sources.flatMap { try expandWords($0, environment: lookup, at: at) }
        if copy.isJSONForm { sources = try copy.sources.map { try expand($0, environment: lookup, at: at) } }
        var destination = try expand(copy.destination, environment: lookup, at: at)
        // History shows the sources as written (expanded), URLs included.
        var historySources = sources
        var remote: [InlineFile]?
        if isAdd, let url = sources.first(where: Self.isRemote) {
            guard sources.count == 1, let files = options.network.files[url] else {
                // A simulated build has no network: an unknown URL is an unreachable host, and
                // Strata fails the way BuildKit does when the name does not resolve.
                let authority = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? url
                let host = authority.split(separator: "@").last.flatMap { $0.split(separator: ":").first }.map(String.init) ?? authority
                throw FrontendError(
                    "failed to load cache key: Get \"\(url)\": dial tcp: lookup \(host): no such host (Strata never fetches remote sources: map the URL to a file in a --network-fixtures file)",
                    at: at, line: sourceLine(at.line))
            }
            if let expected = copy.checksum, files.count == 1, let file = files.first, expected != Digest.of(file.content).description {
                throw FrontendError(
                    "digest mismatch for \(url): expected \(expected), got \(Digest.of(file.content))", at: at, line: sourceLine(at.line))
            }
            remote = files
        }
        if sources.count + copy.heredocSources.count > 1 && !destination.hasSuffix("/") {
            // BuildKit (moby/buildkit#1853) does not reject this: each source is copied onto the
            // destination path in turn, so the last one wins. Strata does the same, with a warning.
            warnings.append(Diagnostic(
                .warning, "\(keyword) with more than one source file into \"\(destination)\" (no trailing /): BuildKit copies each onto it and the last wins; add a / to copy into a directory",
                at: at, sourceLine: sourceLine(at.line)))
        }
        if !destination.hasPrefix("/") {
            let trailing = destination.hasSuffix("/") || destination == "." || destination.hasSuffix("/.")
            destination = absolute(destination, in: state)
            if trailing && !destination.hasSuffix("/") { destination += "/" }
        }
        let fromInput: Digest
        var inputs = [state.vertex]
        if let remote {
            // A download is one file named after the URL's last path element (mode 0600, as
            // BuildKit's HTTP source); a git checkout is a tree whose contents are copied.
            fromInput = definition.add(Vertex(op: .source(.inline(files: remote)), inputs: [], name: "[internal] load remote source"))
            sources = remote.count == 1 && !Self.isGit(sources[0]) ? [remote[0].path] : ["/"]
        } else if !copy.heredocSources.isEmpty {
            let files = copy.heredocSources.map { InlineFile(path: "/" + $0.name, content: Array($0.content.utf8), mode: 0o644) }
            fromInput = definition.add(Vertex(op: .source(.inline(files: files)), inputs: [], name: "heredoc"))
            sources += copy.heredocSources.map(\.name)
            historySources += copy.heredocSources.map(\.name)
        } else {
            fromInput = try inputVertex(from: try copy.from.map { try expand($0, environment: lookup, at: at) }, in: &state, at: at)
        }
        inputs.append(fromInput)
        var action = CopyAction(from: 1, sources: sources, destination: destination)
        if let chown = copy.chown {
            let expanded = try expand(chown, environment: lookup, at: at)
            let parts = expanded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            action.owner = Owner(user: parts[0], group: parts.count > 1 ? parts[1] : nil)
        }
        if let chmod = copy.chmod {
            guard UInt32(chmod, radix: 8) != nil else {
                throw FrontendError("invalid chmod parameter \"\(chmod)\": use an octal mode such as 0644", at: at, line: sourceLine(at.line))
            }
            action.mode = chmod
        }
        action.extractArchives = isAdd
        action.keepParents = copy.parents
        action.exclude = copy.excludes
        action.allowEmptyWildcard = true
        let display = expandForDisplay(Self.firstLine(instruction.original), environment: lookup)
        let name = state.stepName(Self.uppercaseKeyword(display))
        state.vertex = definition.add(Vertex(op: .file(FileOp(actions: [.copy(action)])), inputs: inputs, name: name, source: instruction.range))
        steps[state.vertex] = StepInfo(stage: state.index, stageName: state.displayName, instruction: Self.firstLine(instruction.original), line: at.line, secrets: [])
        state.addHistory("\(keyword) \((historySources + [copy.destination.isEmpty ? destination : try expand(copy.destination, environment: lookup, at: at)]).joined(separator: " ")) # buildkit", emptyLayer: false)
    }

    static func isRemote(_ source: String) -> Bool {
        source.hasPrefix("http://") || source.hasPrefix("https://") || source.hasPrefix("git@") || source.hasPrefix("git://")
    }

    static func isGit(_ source: String) -> Bool {
        source.hasPrefix("git@") || source.hasPrefix("git://") || source.contains(".git#") || source.hasSuffix(".git")
    }

    /// WORKDIR: relative to the previous one, created (owned by USER when set) as a layer.
    mutating func dispatchWorkdir(_ path: String, instruction: Instruction, in state: inout StageState) throws {
        let at = instruction.range.start
        let expanded = try expand(path, environment: state.lookup, at: at)
        let resolved = Self.clean(expanded.hasPrefix("/") ? expanded : state.workingDirectory + "/" + expanded)
        state.config.workingDir = resolved
        let owner = state.config.user.flatMap { user -> Owner? in
            guard !user.isEmpty else { return nil }
            let parts = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return Owner(user: parts[0], group: parts.count > 1 ? parts[1] : nil)
        }
        let display = expandForDisplay(Self.firstLine(instruction.original), environment: state.lookup)
        let name = state.stepName(Self.uppercaseKeyword(display))
        let op = FileOp(actions: [.mkdir(path: resolved, mode: 0o755, makeParents: true, owner: owner)])
        state.vertex = definition.add(Vertex(op: .file(op), inputs: [state.vertex], name: name, source: instruction.range))
        steps[state.vertex] = StepInfo(stage: state.index, stageName: state.displayName, instruction: Self.firstLine(instruction.original), line: at.line, secrets: [])
        state.history.append(History(createdBy: "WORKDIR " + resolved, comment: "buildkit.dockerfile.v0"))
    }

    /// `path.Clean` for absolute paths.
    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
