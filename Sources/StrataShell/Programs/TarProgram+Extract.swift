import StrataArchive

/// `tar x` and `tar t`: entries are read from the whole archive, whose provenance every
/// extracted file and listed byte inherits.
extension TarProgram {
    static func read(_ shell: Interpreter, _ options: Options) throws(ShellControl) -> Int32 {
        let input: ProvenancedBytes
        if options.archive == "-" {
            input = shell.readAllInput()
        } else {
            do { input = try shell.fs.readFile(shell.absolute(options.archive)) } catch {
                shell.programError("tar", "can't open '\(options.archive)': \(error.message)")
                return 1
            }
        }
        var bytes = input.bytes
        var provenance = input.provenance
        if options.gzip {
            guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else {
                shell.programError("tar", "invalid magic")
                return 1
            }
            guard let plain = try? Gzip.decompress(bytes, limit: shell.limits.maxFileBytes) else {
                shell.programError("tar", "corrupted data")
                return 1
            }
            bytes = plain
            provenance = provenance.applying(.compressed)
        }
        provenance = provenance.applying(.copied)
        return try inDirectory(shell, options) { () throws(ShellControl) -> Int32 in
            try readEntries(shell, bytes, provenance: provenance, options: options)
        }
    }

    static func readEntries(_ shell: Interpreter, _ bytes: [UInt8], provenance: Provenance, options: Options) throws(ShellControl) -> Int32 {
        var reader = TarReader(BufferSource(bytes))
        var matched = Set<String>()
        var warnedLeadingSlash = false
        var listing = ""
        var status: Int32 = 0
        while true {
            let header: TarHeader?
            do { header = try reader.next() } catch {
                shell.programError("tar", bytes.isEmpty || (bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B) ? "short read" : "invalid tar magic")
                status = 1
                break
            }
            guard var entry = header else { break }
            if entry.path.hasPrefix("/") {
                while entry.path.hasPrefix("/") { entry.path.removeFirst() }
                if !warnedLeadingSlash {
                    shell.programError("tar", "removing leading '/' from member names")
                    warnedLeadingSlash = true
                }
            }
            if options.stripComponents > 0 {
                let parts = entry.path.split(separator: "/", omittingEmptySubsequences: true)
                if parts.count <= options.stripComponents { continue }
                entry.path = parts.dropFirst(options.stripComponents).joined(separator: "/") + (entry.path.hasSuffix("/") ? "/" : "")
            }
            if !options.operands.isEmpty {
                guard let operand = options.operands.first(where: { selects($0, entry.path) }) else { continue }
                matched.insert(operand)
            }
            let contents: [UInt8]
            do { contents = entry.kind == .file ? try reader.readContents(limit: shell.limits.maxFileBytes) : [] } catch {
                shell.programError("tar", "short read")
                status = 1
                break
            }
            if options.action == .list {
                listing += options.verbose ? verboseLine(entry) : entry.path + "\n"
                continue
            }
            if options.toStdout {
                if entry.kind == .file { try shell.writeOut(contents, provenance: provenance) }
                continue
            }
            if options.verbose { try shell.writeOut(entry.path + "\n") }
            switch try extract(shell, entry, contents: ProvenancedBytes(contents, provenance: provenance), options: options) {
            case .done: break
            case .failed: status = 1
            case .fatal: return 1
            }
        }
        try shell.writeOut(listing)
        for operand in options.operands where !matched.contains(operand) {
            shell.programError("tar", "\(operand): not found in archive")
            status = 1
        }
        return status
    }

    /// Whether operand `pattern` names `path` or a directory above it.
    static func selects(_ pattern: String, _ path: String) -> Bool {
        var pattern = pattern
        while pattern.count > 1 && pattern.hasSuffix("/") { pattern.removeLast() }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed == pattern || trimmed.hasPrefix(pattern + "/")
    }

    /// `drwxr-xr-x root/root         0 2023-11-14 22:13:20 dir/`, as busybox's `tar tv`.
    static func verboseLine(_ entry: TarHeader) -> String {
        let kind: FileKind = entry.kind == .directory ? .directory : entry.kind == .symlink ? .symlink : .regular
        let mode = ListProgram.modeString(FileStatus(kind: kind, mode: entry.mode))
        let user = entry.userName.isEmpty ? String(entry.uid) : entry.userName
        let group = entry.groupName.isEmpty ? String(entry.gid) : entry.groupName
        let size = String(entry.size)
        var line = "\(mode) \(user)/\(group) " + String(repeating: " ", count: max(0, 9 - size.count)) + size
        line += " " + DateProgram.format(entry.modificationTime, "%Y-%m-%d %H:%M:%S") + " " + entry.path
        if !entry.linkTarget.isEmpty { line += " -> " + entry.linkTarget }
        return line + "\n"
    }

    /// How extracting one entry went: `failed` sets the exit status, `fatal` stops the run.
    enum ExtractOutcome { case done, failed, fatal }

    /// Extracts one entry as busybox's data_extract_all does.
    static func extract(_ shell: Interpreter, _ entry: TarHeader, contents: ProvenancedBytes, options: Options) throws(ShellControl) -> ExtractOutcome {
        var name = entry.path
        while name.count > 1 && name.hasSuffix("/") { name.removeLast() }
        if name.isEmpty { return .done }
        let path = shell.absolute(name)
        // Leading directories are created as needed, with the default mode.
        var current = ""
        for part in ShellPath.parent(path).split(separator: "/") {
            current += "/" + part
            if shell.fs.exists(current) { continue }
            if (try? shell.fs.mkdir(current, mode: 0o777 & ~shell.umask)) != nil { shell.record(current, .clean) }
        }
        let existing = try? shell.fs.lstat(path)
        if entry.kind != .directory, let existing {
            if options.keepOld {
                if existing.kind != .directory {
                    let what = entry.kind == .symlink ? "can't create symlink '\(name)' to '\(entry.linkTarget)'" : "can't open '\(name)'"
                    shell.programError("tar", "\(what): File exists")
                }
                return .failed
            }
            if existing.kind == .directory {
                shell.programError("tar", "can't remove old file \(name): Is a directory")
                return .fatal
            }
            try? shell.fs.remove(path)
            shell.forget(path)
        }
        switch entry.kind {
        case .directory:
            if existing == nil {
                do { try shell.fs.mkdir(path, mode: entry.mode & ~shell.umask) } catch {
                    shell.programError("tar", "can't make dir \(name): \(error.message)")
                    return .failed
                }
                shell.record(path, .clean)
            } else if existing?.kind != .directory {
                shell.programError("tar", "can't make dir \(name): File exists")
                return .failed
            }
        case .symlink:
            do { try shell.fs.symlink(target: entry.linkTarget, at: path) } catch {
                shell.programError("tar", "can't create symlink '\(name)' to '\(entry.linkTarget)': \(error.message)")
                return .failed
            }
            shell.record(path, .clean)
        case .hardlink:
            let target = shell.absolute(entry.linkTarget)
            do { try shell.fs.hardlink(existing: target, at: path) } catch {
                shell.programError("tar", "can't create hardlink '\(name)' to '\(entry.linkTarget)': \(error.message)")
                return .fatal
            }
            shell.record(path, (try? shell.fs.readFile(path))?.provenance ?? .clean)
        case .file:
            if let failure = try shell.writeFile(path, contents, mode: entry.mode & 0o777, applyUmask: true) {
                shell.programError("tar", "can't open '\(name)': \(failure.message)")
                return .fatal
            }
        default:
            shell.programError("tar", "unknown file type in '\(name)'")
            return .done
        }
        if !options.noOwner && shell.user.uid == 0 {
            let uid = entry.userName.isEmpty ? entry.uid : (UserDatabase.entries("/etc/passwd", shell).first { $0.count > 2 && $0[0] == entry.userName }.flatMap { Int($0[2]) } ?? entry.uid)
            let gid = entry.groupName.isEmpty ? entry.gid : (UserDatabase.entries("/etc/group", shell).first { $0.count > 2 && $0[0] == entry.groupName }.flatMap { Int($0[2]) } ?? entry.gid)
            try? shell.fs.chown(path, uid: uid, gid: gid)
        }
        if entry.kind != .symlink {
            if !options.noPermissions { try? shell.fs.chmod(path, mode: entry.mode & 0o7777) }
            if !options.noMtime { try? shell.fs.utime(path, modificationTime: entry.modificationTime) }
        }
        return .done
    }
}
