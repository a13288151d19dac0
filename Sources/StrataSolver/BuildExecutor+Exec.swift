import StrataFS
import StrataLLB
import StrataShell
import StrataSupport

extension BuildExecutor {
    /// Runs a `RUN` in the simulated shell over its input's filesystem and mounts.
    ///
    /// Like runc under BuildKit, the run creates missing mount points in the root (`/dev`,
    /// `/proc`, `/sys`, and the parents of secret files such as `/run/secrets`); those empty
    /// directories stay in the layer, exactly as BuildKit leaves them. Mounted content does not.
    func run(_ exec: ExecOp, vertex: Vertex, inputs: [SolvedState], log: (String) -> Void) throws -> SolvedState {
        guard let input = inputs.first else { throw ExecError.unsupported("RUN has no root filesystem") }
        let time = stepTime(over: input)
        var root = try input.snapshot.mutable(time: time)
        for directory in ["/dev", "/proc", "/sys"] where !root.exists(directory) {
            try root.mkdir(directory, mode: 0o755)
        }
        var variables: [String: ShellString] = [:]
        for entry in exec.environment {
            let (name, value) = entry.splitAssignment()
            variables[name] = ShellString(value)
        }
        var views: [MountedView] = []
        var cacheMounts: [(id: String, index: Int)] = []
        for mount in exec.mounts {
            switch mount.kind {
            case .secret(let id, let required, let mode, let uid, let gid, let environmentName):
                guard let bytes = environment.secrets[id] else {
                    if required { throw ExecError.secretNotFound(id) }
                    continue
                }
                if let environmentName {
                    variables[environmentName] = ShellString(String(decoding: bytes, as: UTF8.self), provenance: .secret(id))
                    if mount.target.isEmpty { continue }
                }
                try root.mkdir(FSPath.parent(of: mount.target), parents: true)
                views.append(MountedView(target: mount.target, content: .secretFile(bytes: bytes, id: id, mode: mode, uid: uid, gid: gid)))
            case .ssh(let id, let required, let mode, let uid, let gid):
                // No agent is forwarded in a simulation: the socket path exists, empty.
                if required && environment.secrets["ssh:" + id] == nil && id != "default" { throw ExecError.secretNotFound(id) }
                try root.mkdir(FSPath.parent(of: mount.target), parents: true)
                views.append(MountedView(target: mount.target, content: .socket(mode: mode, uid: uid, gid: gid)))
                // LLB points SSH_AUTH_SOCK at the first SSH mount unless the step sets it.
                if variables["SSH_AUTH_SOCK"] == nil { variables["SSH_AUTH_SOCK"] = ShellString(mount.target) }
            case .cache(let id, _, let readOnly, let mode, let uid, let gid):
                try root.mkdir(mount.target, parents: true)
                let snapshot = try loadCacheMount(id: id, mode: mode, uid: uid, gid: gid)
                cacheMounts.append((id, views.count))
                views.append(MountedView(target: mount.target, content: .directory(snapshot.mutable(time: time), readOnly: readOnly)))
            case .bind(let index, let source, let readWrite):
                guard index < inputs.count else { throw ExecError.unsupported("bind mount input \(index) is missing") }
                let bound = try inputs[index].snapshot
                if let top = try? bound.stat(source), top.kind == .file {
                    // A single file: like runc, only the mount point's parents stay behind.
                    try root.mkdir(FSPath.parent(of: mount.target), parents: true)
                    views.append(MountedView(target: mount.target, content: .file(bytes: try bound.readFile(source), metadata: top.metadata, readOnly: !readWrite)))
                    continue
                }
                try root.mkdir(mount.target, parents: true)
                let subtree = try bound.subtree(at: source)
                views.append(MountedView(target: mount.target, content: .directory(subtree.mutable(time: time), readOnly: !readWrite)))
            case .tmpfs:
                try root.mkdir(mount.target, parents: true)
                views.append(MountedView(target: mount.target, content: .directory(Snapshot.empty(store: blobs).mutable(time: time), readOnly: false)))
            }
        }
        let user = try resolveUser(exec.user, in: root)
        // runc sets HOME from the user's passwd entry when the image does not.
        if variables["HOME"] == nil { variables["HOME"] = ShellString(user.home) }
        let fileSystem = RunFileSystem(root: root, mounts: views, provenance: input.provenance, owner: (user.uid, user.gid))
        var runner = ShellRunner(
            fileSystem: fileSystem, environment: variables, workingDirectory: exec.workingDirectory.isEmpty ? "/" : exec.workingDirectory,
            user: user, limits: environment.limits, clock: time)
        let result: ShellResult
        if let (dialect, options, script) = BuildExecutor.shellInvocation(exec.arguments) {
            let prefix = options.isEmpty ? "" : "set \(options.joined(separator: " "))\n"
            result = runner.run(script: prefix + script, shell: dialect, name: exec.arguments.first)
        } else {
            result = runner.run(argv: exec.arguments)
        }
        let output = result.stdout.bytes + result.stderr.bytes
        if !output.isEmpty { log(redact(output, vertex: vertex)) }
        // A cache mount is a live directory in BuildKit: what the step wrote stays even when
        // the step then fails.
        for (id, index) in cacheMounts {
            if let snapshot = runner.fileSystem.mounts.first(where: { $0.target == views[index].target })?.snapshot {
                try saveCacheMount(id: id, snapshot)
            }
        }
        if let violation = result.limitViolation { throw ExecError.limitExceeded("\(violation)") }
        guard result.exitStatus == 0 else { throw ExecError.nonZeroExit(command: exec.arguments, status: result.exitStatus) }
        return try commit(runner.fileSystem.root.commit(), over: input, provenance: runner.fileSystem.provenance, vertex: vertex)
    }

    /// `/bin/sh -c SCRIPT` (and bash/ash with options such as `-eo pipefail` before `-c`) run
    /// through the shell interpreter; anything else is exec form.
    static func shellInvocation(_ arguments: [String]) -> (ShellDialect, [String], String)? {
        // `-c` may be combined with other options, as in `SHELL ["/bin/sh", "-ec"]`.
        func isCommandOption(_ word: String) -> Bool {
            word.count >= 2 && word.hasPrefix("-") && word.hasSuffix("c") && word.dropFirst().allSatisfy { $0.isLetter }
        }
        guard let first = arguments.first, let c = arguments.dropFirst().firstIndex(where: isCommandOption), c + 1 < arguments.count else {
            return nil
        }
        let name = first.split(separator: "/").last.map(String.init) ?? first
        let dialect: ShellDialect
        switch name {
        case "sh", "ash", "dash": dialect = .sh
        case "bash": dialect = .bash
        default: return nil
        }
        var options = Array(arguments[1..<c])
        if arguments[c] != "-c" { options.append(String(arguments[c].dropLast())) }
        return (dialect, options, arguments[c + 1])
    }

    /// Replaces the bytes of every declared secret in step output with `[redacted:ID]`, and
    /// remembers that the secret reached the log.
    func redact(_ output: [UInt8], vertex: Vertex) -> String {
        var bytes = output
        for (id, secret) in environment.secrets.sorted(by: { $0.key < $1.key }) where secret.count >= 1 {
            let replacement = Array("[redacted:\(id)]".utf8)
            var result: [UInt8] = []
            var i = 0
            var found = false
            while i < bytes.count {
                if i + secret.count <= bytes.count && bytes[i] == secret[0] && Array(bytes[i..<(i + secret.count)]) == secret {
                    result.append(contentsOf: replacement)
                    i += secret.count
                    found = true
                } else {
                    result.append(bytes[i])
                    i += 1
                }
            }
            if found { logExposures.append((vertex.name, id)) }
            bytes = result
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The RUN's user: empty means root; `name`, `uid`, `name:group` or `uid:gid` resolved in
    /// the image's /etc/passwd and /etc/group.
    func resolveUser(_ spec: String, in root: MutableSnapshot) throws -> ShellUser {
        guard !spec.isEmpty else { return .root }
        let accounts = Accounts(snapshot: root.commit())
        return try accounts.user(spec)
    }
}
