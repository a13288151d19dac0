/// `install [-cdDpsv] [-m MODE] [-o USER] [-g GROUP] SOURCE... DEST` and `install -d DIR...`,
/// following busybox's coreutils/install.c (checked against the applet built from busybox
/// 1.35's source by Tests/ShellOracle, which Debian's build lacks): files are copied with mode
/// 0755 unless `-m`, then chowned and chmodded.
struct InstallProgram: ShellProgram {
    static let names = ["install"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "cdDpsvZ", valued: "mogt")
        if let bad = parsed.invalid { return shell.invalidOption("install", bad) }
        var mode: UInt32 = 0o755
        if let text = parsed.values["m"] {
            guard let value = ChmodProgram.parseMode(text, current: 0o755, isDirectory: parsed.has("d")) else {
                shell.programError("install", "invalid mode '\(text)'")
                return 1
            }
            mode = value
        }
        var uid: Int?
        var gid: Int?
        if let user = parsed.values["o"] {
            guard let id = UserDatabase.userID(user, shell) else { shell.programError("install", "unknown user \(user)"); return 1 }
            uid = id
        }
        if let group = parsed.values["g"] {
            guard let id = UserDatabase.groupID(group, shell) else { shell.programError("install", "unknown group \(group)"); return 1 }
            gid = id
        }
        func finish(_ path: String, _ display: String) -> Bool {
            if uid != nil || gid != nil, let info = try? shell.fs.lstat(path) {
                try? shell.fs.chown(path, uid: uid ?? info.uid, gid: gid ?? info.gid)
            }
            do { try shell.fs.chmod(path, mode: mode) } catch {
                shell.programError("install", "can't change permissions of '\(display)': \(error.message)")
                return false
            }
            return true
        }
        var status: Int32 = 0
        if parsed.has("d") {
            for operand in parsed.operands {
                let path = shell.absolute(operand)
                guard makeParents(shell, path, mode: 0o777 & ~shell.umask) else {
                    shell.programError("install", "can't create directory '\(operand)'")
                    status = 1
                    continue
                }
                if !finish(path, operand) { status = 1 }
            }
            return status
        }
        var operands = parsed.operands
        if let directory = parsed.values["t"] { operands.append(directory) }
        guard operands.count >= 2, let destination = operands.last else {
            shell.programError("install", "missing file operand")
            return 1
        }
        let sources = operands.dropLast()
        let destinationPath = shell.absolute(destination)
        if parsed.has("D") {
            let parent = sources.count > 1 || parsed.values["t"] != nil ? destinationPath : ShellPath.parent(destinationPath)
            _ = makeParents(shell, parent, mode: 0o755)
        }
        let intoDirectory = shell.fs.isDirectory(destinationPath)
        if sources.count > 1 && !intoDirectory {
            shell.programError("install", "'\(destination)' is not a directory")
            return 1
        }
        for source in sources {
            let target = intoDirectory ? ShellPath.join(destinationPath, ShellPath.base(source)) : destinationPath
            let display = intoDirectory ? ShellPath.join(destination, ShellPath.base(source)) : destination
            let data: ProvenancedBytes
            do { data = try shell.fs.readFile(shell.absolute(source)) } catch {
                shell.programError("install", "can't stat '\(source)': \(error.message)")
                status = 1
                continue
            }
            if let existing = try? shell.fs.lstat(target), existing.kind != .directory {
                try? shell.fs.remove(target)
                shell.forget(target)
            }
            let copied = ProvenancedBytes(data.bytes, provenance: data.provenance.applying(.copied))
            if let failure = try shell.writeFile(target, copied, mode: 0o600, applyUmask: false) {
                shell.programError("install", "can't create '\(display)': \(failure.message)")
                status = 1
                continue
            }
            if !finish(target, display) { status = 1 }
        }
        return status
    }

    /// `mkdir -p`: missing components are created with `mode`; false if one cannot be.
    static func makeParents(_ shell: Interpreter, _ path: String, mode: UInt32) -> Bool {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if let info = try? shell.fs.stat(current) {
                if info.kind != .directory { return false }
                continue
            }
            guard (try? shell.fs.mkdir(current, mode: mode)) != nil else { return false }
            shell.record(current, .clean)
        }
        return true
    }
}
