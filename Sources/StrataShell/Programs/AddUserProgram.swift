/// `adduser [-D] [-S] [-H] [-h DIR] [-g GECOS] [-s SHELL] [-G GROUP] [-u UID] [-k SKEL] USER`
/// and `adduser USER GROUP`, following busybox 1.35's loginutils/adduser.c and checked against
/// that applet built by Tests/ShellOracle (Debian's busybox build lacks it).
///
/// Without `-D` busybox runs `passwd`, which cannot succeed without a terminal in a build;
/// the model then behaves as `-D` (the account is locked with `!`).
struct AddUserProgram: ShellProgram {
    static let names = ["adduser"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "DSH", valued: "hgsGuk")
        if let bad = parsed.invalid { return shell.invalidOption("adduser", bad) }
        guard (1...2).contains(parsed.operands.count) else {
            shell.programError("adduser", "usage: adduser [OPTIONS] USER [GROUP]")
            return 1
        }
        let name = parsed.operands[0]
        if parsed.operands.count == 2 {
            return try AddGroupProgram.addMember(shell, user: name, group: parsed.operands[1], program: "addgroup")
        }
        if let message = AccountFile.badNameMessage(name) {
            shell.programError("adduser", message)
            return 1
        }
        var passwd = AccountFile("/etc/passwd", shell)
        if passwd.row(named: name) != nil {
            shell.programError("adduser", "user '\(name)' in use")
            return 1
        }
        let system = parsed.has("S")
        let home = parsed.values["h"] ?? "/home/\(name)"
        let gecos = parsed.values["g"] ?? "Linux User,,,"
        let loginShell = parsed.values["s"] ?? (system ? "/bin/false" : "/bin/sh")
        var useGroup = parsed.values["G"]
        if system && useGroup == nil { useGroup = "nogroup" }
        let groups = AccountFile("/etc/group", shell)
        var gid: Int?
        if let useGroup {
            guard let row = groups.row(named: useGroup) ?? Int(useGroup).flatMap({ groups.row(withID: $0) }), row.count > 2, let id = Int(row[2]) else {
                shell.programError("adduser", "unknown group \(useGroup)")
                return 1
            }
            gid = id
        }
        var uid: Int
        if let text = parsed.values["u"] {
            guard let value = Int(text), value >= 0 else {
                shell.programError("adduser", "invalid number '\(text)'")
                return 1
            }
            uid = value
            if passwd.row(withID: uid) != nil {
                shell.programError("adduser", "uid '\(uid)' in use")
                return 1
            }
        } else {
            // Upwards from FIRST_SYSTEM_ID (100) or LAST_SYSTEM_ID + 1 (1000), as busybox's
            // passwd_study; a new group takes the uid as its gid, so that must be free too.
            uid = system ? 100 : 1000
            let limit = system ? 999 : 60000
            while passwd.row(withID: uid) != nil || (gid == nil && groups.row(withID: uid) != nil) {
                if uid == limit {
                    shell.programError("adduser", "no uids left")
                    return 1
                }
                uid += 1
            }
        }
        if gid == nil && groups.row(named: name) != nil {
            shell.programError("adduser", "group '\(name)' in use")
            return 1
        }
        let provenance = invocation.argumentProvenance
        passwd.rows.append([name, "x", String(uid), String(gid ?? uid), gecos, home, loginShell])
        if let failure = try passwd.save(shell, provenance: provenance) {
            shell.programError("adduser", "can't open '/etc/passwd': \(failure.message)")
            return 1
        }
        let groupStatus: Int32
        if let useGroup {
            groupStatus = try AddGroupProgram.addMember(shell, user: name, group: groups.row(named: useGroup)?.first ?? useGroup, program: "addgroup")
        } else {
            groupStatus = try AddGroupProgram.createGroup(shell, name, gid: uid, system: system, program: "addgroup")
        }
        if groupStatus != 0 { return groupStatus }
        var shadow = AccountFile("/etc/shadow", shell)
        if shadow.existed {
            shadow.rows.append([name, "!", String(shell.clock / 86400), "0", "99999", "7", "", "", ""])
            _ = try shadow.save(shell)
        }
        if !parsed.has("H") {
            try makeHome(shell, home, uid: uid, gid: gid ?? uid, skeleton: parsed.values["k"] ?? "/etc/skel")
        }
        return 0
    }

    /// Creates the home directory as busybox does: one `mkdir` (parents are not made) with
    /// the umask cleared; a new one gets the skeleton and is chowned recursively; new or not,
    /// it then belongs to the user with mode 2755. Failures print `adduser: HOME: error`.
    static func makeHome(_ shell: Interpreter, _ home: String, uid: Int, gid: Int, skeleton: String) throws(ShellControl) {
        let path = shell.absolute(home)
        var created = false
        do {
            try shell.fs.mkdir(path, mode: 0o755)
            shell.record(path, .clean)
            created = true
        } catch {
            if case .exists = error {} else {
                shell.programError("adduser", "\(home): \(error.message)")
                return
            }
        }
        if created { try AddUserProgram.copySkeleton(shell, skeleton, into: path, shown: home) }
        if created { chownTree(shell, path, uid: uid, gid: gid) }
        do {
            try shell.fs.chown(path, uid: uid, gid: gid)
            try shell.fs.chmod(path, mode: 0o2755)
        } catch {
            shell.programError("adduser", "\(home): \(error.message)")
        }
    }

    /// Copies the skeleton directory's entries into a new home, as `cp -a` would (adduser and
    /// useradd both do); `shown` is the home as messages name it.
    static func copySkeleton(_ shell: Interpreter, _ skeleton: String, into path: String, shown: String) throws(ShellControl) {
        guard shell.fs.isDirectory(skeleton) else { return }
        for name in (try? shell.fs.listDirectory(skeleton)) ?? [] {
            _ = try CopyProgram.copy(
                shell, source: ShellPath.join(skeleton, name), display: ShellPath.join(skeleton, name),
                to: ShellPath.join(path, name), displayTarget: ShellPath.join(shown, name),
                options: CopyProgram.Options(recursive: true, preserve: true, noDereference: true), topLevel: true)
        }
    }

    static func chownTree(_ shell: Interpreter, _ path: String, uid: Int, gid: Int) {
        try? shell.fs.chown(path, uid: uid, gid: gid)
        guard (try? shell.fs.lstat(path))?.kind == .directory else { return }
        for name in (try? shell.fs.listDirectory(path)) ?? [] { chownTree(shell, ShellPath.join(path, name), uid: uid, gid: gid) }
    }
}
