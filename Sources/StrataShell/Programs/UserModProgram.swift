/// `usermod [-u UID] [-g GROUP] [-G G1,G2 [-a]] [-d HOME [-m]] [-s SHELL] [-c COMMENT]
/// [-l NEWNAME] [-L|-U] NAME`, modelled on shadow-utils' file edits. Exit codes: 2 usage,
/// 3 bad value, 4 uid taken, 6 unknown user or group, 9 new name taken.
struct UserModProgram: ShellProgram {
    static let names = ["usermod"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "amoLU", valued: "ugGdsclep")
        if let bad = parsed.invalid { return shell.invalidOption("usermod", bad) }
        guard parsed.operands.count == 1, let name = parsed.operands.first else {
            shell.programError("usermod", "Usage: usermod [options] LOGIN")
            return 2
        }
        var passwd = AccountFile("/etc/passwd", shell)
        guard let index = passwd.index(named: name) else {
            shell.programError("usermod", "user '\(name)' does not exist")
            return 6
        }
        var row = passwd.rows[index]
        while row.count < 7 { row.append("") }
        let groups = AccountFile("/etc/group", shell)
        if let text = parsed.values["u"] {
            guard let uid = Int(text), uid >= 0 else {
                shell.programError("usermod", "invalid user ID '\(text)'")
                return 3
            }
            if let other = passwd.row(withID: uid), other.first != name, !parsed.has("o") {
                shell.programError("usermod", "UID '\(uid)' already exists")
                return 4
            }
            row[2] = String(uid)
        }
        if let group = parsed.values["g"] {
            guard let groupRow = groups.row(named: group) ?? Int(group).flatMap({ groups.row(withID: $0) }), groupRow.count > 2 else {
                shell.programError("usermod", "group '\(group)' does not exist")
                return 6
            }
            row[3] = groupRow[2]
        }
        let supplementary = parsed.values["G"].map { $0.split(separator: ",").map(String.init) }
        for group in supplementary ?? [] where groups.row(named: group) == nil {
            shell.programError("usermod", "group '\(group)' does not exist")
            return 6
        }
        var newName = name
        if let renamed = parsed.values["l"] {
            if passwd.row(named: renamed) != nil && renamed != name {
                shell.programError("usermod", "user '\(renamed)' already exists")
                return 9
            }
            newName = renamed
            row[0] = renamed
        }
        if let comment = parsed.values["c"] { row[4] = comment }
        let oldHome = row[5]
        if let home = parsed.values["d"] { row[5] = home }
        if let loginShell = parsed.values["s"] { row[6] = loginShell }
        passwd.rows[index] = row
        _ = try passwd.save(shell, provenance: invocation.argumentProvenance)
        try updateGroups(shell, name: name, newName: newName, supplementary: supplementary, append: parsed.has("a"))
        var shadow = AccountFile("/etc/shadow", shell)
        if let shadowIndex = shadow.index(named: name) {
            var shadowRow = shadow.rows[shadowIndex]
            shadowRow[0] = newName
            if shadowRow.count > 1 {
                if parsed.has("L") && !shadowRow[1].hasPrefix("!") { shadowRow[1] = "!" + shadowRow[1] }
                if parsed.has("U") && shadowRow[1].hasPrefix("!") { shadowRow[1].removeFirst() }
            }
            shadow.rows[shadowIndex] = shadowRow
            _ = try shadow.save(shell)
        }
        if parsed.has("m"), parsed.values["d"] != nil, !oldHome.isEmpty, oldHome != row[5], shell.fs.isDirectory(shell.absolute(oldHome)) {
            do { try shell.fs.rename(shell.absolute(oldHome), to: shell.absolute(row[5])) } catch {
                shell.programError("usermod", "cannot rename directory \(oldHome) to \(row[5])")
                return 12
            }
            shell.forget(shell.absolute(oldHome))
            shell.record(shell.absolute(row[5]), .clean)
        }
        if parsed.values["u"] != nil || parsed.values["g"] != nil, shell.fs.isDirectory(shell.absolute(row[5])) {
            AddUserProgram.chownTree(shell, shell.absolute(row[5]), uid: Int(row[2]) ?? 0, gid: Int(row[3]) ?? 0)
        }
        return 0
    }

    /// Renames the user in member lists and, with `-G`, sets (or with `-a` extends) them.
    static func updateGroups(_ shell: Interpreter, name: String, newName: String, supplementary: [String]?, append: Bool) throws(ShellControl) {
        for path in ["/etc/group", "/etc/gshadow"] {
            var file = AccountFile(path, shell)
            guard file.existed else { continue }
            for i in file.rows.indices {
                while file.rows[i].count < 4 { file.rows[i].append("") }
                var members = AccountFile.members(file.rows[i])
                let wasMember = members.contains(name)
                members.removeAll { $0 == name }
                let group = file.rows[i][0]
                let keep = supplementary.map { $0.contains(group) || (append && wasMember) } ?? wasMember
                if keep && !members.contains(newName) { members.append(newName) }
                file.rows[i][3] = members.joined(separator: ",")
            }
            _ = try file.save(shell)
        }
    }
}
