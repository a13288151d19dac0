/// `cp [-rRapfdPL] SOURCE... DEST`.
struct CopyProgram: ShellProgram {
    static let names = ["cp"]

    struct Options {
        var recursive = false
        var preserve = false
        var noDereference = false
        /// The directory created for the top-level copy; meeting it as a source is recursion.
        var createdTop: String?
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "rRapfdPLHinuvT")
        if let bad = parsed.invalid { return shell.invalidOption("cp", bad) }
        var options = Options()
        options.recursive = parsed.has("r") || parsed.has("R") || parsed.has("a")
        options.preserve = parsed.has("p") || parsed.has("a")
        options.noDereference = (options.recursive || parsed.has("d") || parsed.has("P")) && !parsed.has("L")
        guard parsed.operands.count >= 2, let destination = parsed.operands.last else {
            shell.programError("cp", "missing file operand")
            return 1
        }
        let sources = parsed.operands.dropLast()
        let destPath = shell.absolute(destination)
        let destIsDir = shell.fs.isDirectory(destPath)
        if sources.count > 1 && !destIsDir {
            shell.programError("cp", "'\(destination)' is not a directory")
            return 1
        }
        var status: Int32 = 0
        for source in sources {
            var trimmed = source
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
            let base = ShellPath.base(trimmed)
            // `cp -r dir/. dest` copies the contents: the last component names no new entry.
            let target = destIsDir && base != "." ? ShellPath.join(destPath, ShellPath.base(ShellPath.resolve(source, in: "/"))) : destPath
            if try !copy(shell, source: shell.absolute(source), display: source, to: target, displayTarget: destIsDir ? ShellPath.join(destination, ShellPath.base(source)) : destination, options: options, topLevel: true) {
                status = 1
            }
        }
        return status
    }

    static func copy(_ shell: Interpreter, source: String, display: String, to target: String, displayTarget: String, options: Options, topLevel: Bool) throws(ShellControl) -> Bool {
        let status: FileStatus
        do {
            let follow = !options.noDereference || (topLevel && !options.recursive)
            status = follow ? try shell.fs.stat(source) : try shell.fs.lstat(source)
        } catch {
            shell.programError("cp", "can't stat '\(display)': \(error.message)")
            return false
        }
        switch status.kind {
        case .directory:
            guard options.recursive else {
                shell.programError("cp", "omitting directory '\(display)'")
                return false
            }
            let realSource = (try? shell.fs.realpath(source)) ?? source
            if let createdTop = options.createdTop, createdTop == realSource {
                shell.programError("cp", "recursion detected, omitting directory '\(display)'")
                return false
            }
            var options = options
            if !shell.fs.isDirectory(target) {
                do { try shell.fs.mkdir(target, mode: status.mode & ~shell.umask | 0o700) } catch {
                    shell.programError("cp", "can't create directory '\(displayTarget)': \(error.message)")
                    return false
                }
                shell.record(target, .clean)
                if topLevel { options.createdTop = (try? shell.fs.realpath(target)) ?? target }
            }
            var ok = true
            let names = (try? shell.fs.listDirectory(source)) ?? []
            for name in names {
                if try !copy(shell, source: ShellPath.join(source, name), display: ShellPath.join(display, name), to: ShellPath.join(target, name), displayTarget: ShellPath.join(displayTarget, name), options: options, topLevel: false) {
                    ok = false
                }
            }
            try? shell.fs.chmod(target, mode: options.preserve ? status.mode : status.mode & ~shell.umask)
            if options.preserve { applyOwnership(shell, target, status) }
            return ok
        case .symlink:
            if (try? shell.fs.lstat(target)) != nil { try? shell.fs.remove(target) }
            do { try shell.fs.symlink(target: status.linkTarget ?? "", at: target) } catch {
                shell.programError("cp", "can't create symlink '\(displayTarget)': \(error.message)")
                return false
            }
            shell.record(target, .clean)
            if options.preserve { try? shell.fs.chown(target, uid: status.uid, gid: status.gid) }
            return true
        case .regular:
            if let same = try? shell.fs.realpath(target), same == (try? shell.fs.realpath(source)) {
                shell.programError("cp", "'\(display)' and '\(displayTarget)' are the same file")
                return false
            }
            let data: ProvenancedBytes
            do { data = try shell.fs.readFile(source) } catch {
                shell.programError("cp", "can't open '\(display)': \(error.message)")
                return false
            }
            if let targetStatus = try? shell.fs.lstat(target), targetStatus.kind == .directory {
                shell.programError("cp", "can't create '\(displayTarget)': Is a directory")
                return false
            }
            let copied = ProvenancedBytes(data.bytes, provenance: data.provenance.applying(.copied))
            if let failure = try shell.writeFile(target, copied, mode: status.mode, applyUmask: true) {
                shell.programError("cp", "can't create '\(displayTarget)': \(failure.message)")
                return false
            }
            if options.preserve {
                try? shell.fs.chmod(target, mode: status.mode)
                applyOwnership(shell, target, status)
            }
            return true
        case .fifo, .socket:
            // busybox cp would open a FIFO and block; a simulation refuses special files.
            shell.programError("cp", "can't copy special file '\(display)'")
            return false
        }
    }

    static func applyOwnership(_ shell: Interpreter, _ target: String, _ status: FileStatus) {
        try? shell.fs.chown(target, uid: status.uid, gid: status.gid)
        try? shell.fs.utime(target, modificationTime: status.modificationTime)
    }
}
