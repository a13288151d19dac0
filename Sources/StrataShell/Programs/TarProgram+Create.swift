import StrataArchive

/// `tar c`: walks the operands in directory order (sorted here; busybox uses readdir order) and
/// writes busybox's header layout.
extension TarProgram {
    /// State of one `tar c` run.
    final class Creation {
        var archive = BusyboxTarFormat()
        var provenance = Provenance.clean
        var failed = false
        var warnedLeadingSlash = false
        var verboseLines = ""
        /// The archive's own resolved path, skipped if met during the walk.
        var archivePath: String?
    }

    static func create(_ shell: Interpreter, _ options: Options) throws(ShellControl) -> Int32 {
        let state = Creation()
        let archiveTarget = options.archive == "-" ? nil : shell.absolute(options.archive)
        if let archiveTarget {
            // busybox opens (and so truncates) the archive before walking.
            if let failure = try shell.writeFile(archiveTarget, ProvenancedBytes(), mode: 0o666) {
                shell.programError("tar", "can't open '\(options.archive)': \(failure.message)")
                return 1
            }
            state.archivePath = (try? shell.fs.realpath(archiveTarget)) ?? archiveTarget
        }
        if options.operands.isEmpty {
            shell.programError("tar", "empty archive")
            return 1
        }
        let status = try inDirectory(shell, options) { () throws(ShellControl) -> Int32 in
            for operand in options.operands {
                try add(shell, operand: operand, options: options, state: state, top: true)
            }
            return 0
        }
        if status != 0 { return status }
        var bytes = state.archive.finish()
        var provenance = state.provenance.applying(.copied)
        if options.gzip {
            bytes = (try? Gzip.compress(bytes)) ?? bytes
            provenance = provenance.applying(.compressed)
        }
        if let archiveTarget {
            if let failure = try shell.writeFile(archiveTarget, ProvenancedBytes(bytes, provenance: provenance), mode: 0o666) {
                shell.programError("tar", "can't open '\(options.archive)': \(failure.message)")
                return 1
            }
            try shell.writeOut(state.verboseLines)
        } else {
            try shell.writeOut(bytes, provenance: provenance)
            if !state.verboseLines.isEmpty {
                for line in state.verboseLines.split(separator: "\n") { shell.writeError(String(line)) }
            }
        }
        if state.failed {
            shell.programError("tar", "error exit delayed from previous errors")
            return 1
        }
        return 0
    }

    /// Adds `operand` (a path as typed, relative to the current directory) and, for a
    /// directory, everything below it.
    static func add(_ shell: Interpreter, operand: String, options: Options, state: Creation, top: Bool) throws(ShellControl) {
        let path = shell.absolute(operand)
        let info: FileStatus
        do { info = options.followLinks ? try shell.fs.stat(path) : try shell.fs.lstat(path) } catch {
            shell.programError("tar", "\(operand): \(error.message)")
            state.failed = true
            return
        }
        if info.kind == .regular, let archivePath = state.archivePath, ((try? shell.fs.realpath(path)) ?? path) == archivePath {
            shell.programError("tar", "\(operand): file is the archive; skipping")
            return
        }
        var name = operand
        if name.hasPrefix("/") {
            while name.hasPrefix("/") { name.removeFirst() }
            if !state.warnedLeadingSlash {
                shell.programError("tar", "removing leading '/' from member names")
                state.warnedLeadingSlash = true
            }
        }
        if name.isEmpty && info.kind != .directory { return }
        let owner = UserDatabase.userName(info.uid, shell) ?? String(info.uid)
        let group = UserDatabase.groupName(info.gid, shell) ?? String(info.gid)
        var entry = TarHeader(
            path: name, kind: .file, mode: info.mode, uid: info.uid, gid: info.gid,
            modificationTime: info.modificationTime, userName: owner, groupName: group)
        switch info.kind {
        case .directory:
            if !name.isEmpty && !name.hasSuffix("/") { entry.path += "/" }
            entry.kind = .directory
            if !entry.path.isEmpty {
                state.archive.append(entry)
                if options.verbose { state.verboseLines += entry.path + "\n" }
            }
            for child in (try? shell.fs.listDirectory(path)) ?? [] {
                let childOperand = operand.hasSuffix("/") ? operand + child : operand + "/" + child
                try add(shell, operand: childOperand, options: options, state: state, top: false)
            }
            return
        case .symlink:
            entry.kind = .symlink
            entry.linkTarget = info.linkTarget ?? ""
            state.archive.append(entry)
        case .fifo:
            entry.kind = .fifo
            state.archive.append(entry)
        case .socket:
            // tar skips sockets: "tar: NAME: socket ignored".
            shell.writeError("tar: \(operand): socket ignored")
            return
        case .regular:
            let data: ProvenancedBytes
            do { data = try shell.fs.readFile(path) } catch {
                shell.programError("tar", "can't open '\(operand)': \(error.message)")
                state.failed = true
                return
            }
            try shell.countWrite(data.bytes.count, path: path)
            state.provenance.merge(data.provenance)
            state.archive.append(entry, contents: data.bytes)
        }
        if options.verbose { state.verboseLines += entry.path + "\n" }
    }
}
