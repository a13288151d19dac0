/// `useradd [-u UID] [-g GROUP] [-G G1,G2] [-m|-M] [-d HOME] [-s SHELL] [-c COMMENT] [-r]
/// [-U|-N] [-o] NAME`, modelled on shadow-utils with Debian's defaults (user groups on, no
/// home unless `-m`, shell /bin/sh). Exit codes: 2 usage, 3 bad value, 4 uid taken, 6 unknown
/// group, 9 name taken.
struct UserAddProgram: ShellProgram {
    static let names = ["useradd"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "mMrUNol", valued: "ugGdscekKpb")
        if let bad = parsed.invalid { return shell.invalidOption("useradd", bad) }
        guard parsed.operands.count == 1, let name = parsed.operands.first else {
            shell.programError("useradd", "Usage: useradd [options] LOGIN")
            return 2
        }
        var passwd = AccountFile("/etc/passwd", shell)
        if passwd.row(named: name) != nil {
            shell.programError("useradd", "user '\(name)' already exists")
            return 9
        }
        if AccountFile.badNameCharacter(name) != nil {
            shell.programError("useradd", "invalid user name '\(name)'")
            return 3
        }
        let groups = AccountFile("/etc/group", shell)
        let system = parsed.has("r")
        var primaryGID: Int?
        if let group = parsed.values["g"] {
            guard let row = groups.row(named: group) ?? Int(group).flatMap({ groups.row(withID: $0) }), row.count > 2, let gid = Int(row[2]) else {
                shell.programError("useradd", "group '\(group)' does not exist")
                return 6
            }
            primaryGID = gid
        } else if parsed.has("N") {
            primaryGID = 100
        } else if groups.row(named: name) != nil {
            shell.programError("useradd", "group \(name) exists - if you want to add this user to that group, use -g.")
            return 9
        }
        let supplementary = (parsed.values["G"] ?? "").split(separator: ",").map(String.init)
        for group in supplementary where groups.row(named: group) == nil {
            shell.programError("useradd", "group '\(group)' does not exist")
            return 6
        }
        var uid: Int
        if let text = parsed.values["u"] {
            guard let value = Int(text), value >= 0 else {
                shell.programError("useradd", "invalid user ID '\(text)'")
                return 3
            }
            if passwd.row(withID: value) != nil && !parsed.has("o") {
                shell.programError("useradd", "UID \(value) is not unique")
                return 4
            }
            uid = value
        } else {
            uid = GroupAddProgram.nextID(in: passwd, system: system)
        }
        var gid = primaryGID ?? uid
        if primaryGID == nil && groups.row(withID: uid) != nil {
            gid = GroupAddProgram.nextID(in: groups, system: system)
        }
        let home = parsed.values["d"] ?? (system ? "/nonexistent" : "/home/\(name)")
        let provenance = invocation.argumentProvenance
        passwd.rows.append([name, "x", String(uid), String(gid), parsed.values["c"] ?? "", home, parsed.values["s"] ?? "/bin/sh"])
        if let failure = try passwd.save(shell, provenance: provenance) {
            shell.programError("useradd", "cannot open /etc/passwd: \(failure.message)")
            return 10
        }
        if primaryGID == nil {
            _ = try GroupAddProgram.append(shell, name: name, gid: gid, program: "useradd")
        }
        for group in supplementary { _ = try AddGroupProgram.addMember(shell, user: name, group: group, program: "useradd") }
        var shadow = AccountFile("/etc/shadow", shell)
        if shadow.existed {
            shadow.rows.append([name, "!", String(shell.clock / 86400), "0", "99999", "7", "", "", ""])
            _ = try shadow.save(shell)
        }
        if parsed.has("m") && !parsed.has("M") {
            if shell.fs.exists(shell.absolute(home)) {
                shell.programError("useradd", "warning: the home directory \(home) already exists.")
            }
            try makeHome(shell, home, uid: uid, gid: gid, skeleton: parsed.values["k"] ?? "/etc/skel")
        }
        return 0
    }

    /// shadow-utils' `useradd -m`: the home directory and any missing parents (0755 less the
    /// umask), the skeleton copied into a new one, everything given to the user.
    static func makeHome(_ shell: Interpreter, _ home: String, uid: Int, gid: Int, skeleton: String) throws(ShellControl) {
        let path = shell.absolute(home)
        var current = ""
        var created = false
        for part in path.split(separator: "/") {
            current += "/" + part
            if shell.fs.exists(current) { continue }
            guard (try? shell.fs.mkdir(current, mode: 0o755 & ~shell.umask)) != nil else {
                shell.programError("useradd", "can't create directory '\(home)'")
                return
            }
            shell.record(current, .clean)
            created = current == path
        }
        if created { try AddUserProgram.copySkeleton(shell, skeleton, into: path, shown: home) }
        AddUserProgram.chownTree(shell, path, uid: uid, gid: gid)
    }
}
