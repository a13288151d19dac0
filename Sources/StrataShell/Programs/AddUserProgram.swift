/// `adduser [-D] [-S] [-H] [-h DIR] [-g GECOS] [-s SHELL] [-G GROUP] [-u UID] [-k SKEL] USER`
/// and `adduser USER GROUP`, following busybox 1.35's loginutils/adduser.c (no oracle: the
/// Debian busybox build lacks the applet).
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
        if let bad = AccountFile.badNameCharacter(name) {
            shell.programError("adduser", "illegal character '\(bad)' in '\(name)'")
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
            uid = system ? 999 : 1000
            let limit = system ? 100 : 60000
            // A new group takes the uid as its gid, so that must be free too.
            while passwd.row(withID: uid) != nil || (gid == nil && groups.row(withID: uid) != nil) {
                uid += system ? -1 : 1
                if uid == limit {
                    shell.programError("adduser", "no uids left")
                    return 1
                }
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

    /// Creates the home directory (0755 before the umask), copies the skeleton into it when
    /// the directory is new, and gives everything to the user.
    static func makeHome(_ shell: Interpreter, _ home: String, uid: Int, gid: Int, skeleton: String) throws(ShellControl) {
        let path = shell.absolute(home)
        var current = ""
        var created = false
        for part in path.split(separator: "/") {
            current += "/" + part
            if shell.fs.exists(current) { continue }
            guard (try? shell.fs.mkdir(current, mode: 0o755 & ~shell.umask)) != nil else {
                shell.programError("adduser", "can't create directory '\(home)'")
                return
            }
            shell.record(current, .clean)
            created = current == path
        }
        if created && shell.fs.isDirectory(skeleton) {
            for name in (try? shell.fs.listDirectory(skeleton)) ?? [] {
                _ = try CopyProgram.copy(
                    shell, source: ShellPath.join(skeleton, name), display: ShellPath.join(skeleton, name),
                    to: ShellPath.join(path, name), displayTarget: ShellPath.join(home, name),
                    options: CopyProgram.Options(recursive: true, preserve: true, noDereference: true), topLevel: true)
            }
        }
        chownTree(shell, path, uid: uid, gid: gid)
    }

    static func chownTree(_ shell: Interpreter, _ path: String, uid: Int, gid: Int) {
        try? shell.fs.chown(path, uid: uid, gid: gid)
        guard (try? shell.fs.lstat(path))?.kind == .directory else { return }
        for name in (try? shell.fs.listDirectory(path)) ?? [] { chownTree(shell, ShellPath.join(path, name), uid: uid, gid: gid) }
    }
}
