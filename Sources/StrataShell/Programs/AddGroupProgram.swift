/// `addgroup [-g GID] [-S] GROUP` and `addgroup USER GROUP`, busybox's flavour (Alpine images).
///
/// Debian's busybox build has no addgroup applet: the behaviour follows busybox 1.35's
/// loginutils/addgroup.c and is checked against that applet built by Tests/ShellOracle.
struct AddGroupProgram: ShellProgram {
    static let names = ["addgroup"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "S", valued: "g")
        if let bad = parsed.invalid { return shell.invalidOption("addgroup", bad) }
        guard (1...2).contains(parsed.operands.count) else {
            shell.programError("addgroup", "usage: addgroup [-g GID] [-S] [USER] GROUP")
            return 1
        }
        if parsed.operands.count == 2 {
            return try addMember(shell, user: parsed.operands[0], group: parsed.operands[1], program: "addgroup")
        }
        var gid: Int?
        if let text = parsed.values["g"] {
            guard let value = Int(text), value >= 0 else {
                shell.programError("addgroup", "invalid number '\(text)'")
                return 1
            }
            gid = value
        }
        return try createGroup(shell, parsed.operands[0], gid: gid, system: parsed.has("S"), program: "addgroup", provenance: invocation.argumentProvenance)
    }

    /// Appends `name:x:GID:` to /etc/group (and `name:!::` to /etc/gshadow when present).
    static func createGroup(_ shell: Interpreter, _ name: String, gid requested: Int?, system: Bool, program: String, provenance: Provenance = .clean) throws(ShellControl) -> Int32 {
        if let message = AccountFile.badNameMessage(name) {
            shell.programError(program, message)
            return 1
        }
        var groups = AccountFile("/etc/group", shell)
        if groups.row(named: name) != nil {
            shell.programError(program, "group '\(name)' in use")
            return 1
        }
        var gid: Int
        if let requested {
            if groups.row(withID: requested) != nil {
                shell.programError(program, "gid '\(requested)' in use")
                return 1
            }
            gid = requested
        } else {
            // Upwards, as busybox's xgroup_study.
            gid = system ? 100 : 1000
            let limit = system ? 999 : 60000
            while groups.row(withID: gid) != nil {
                if gid == limit {
                    shell.programError(program, "no gids left")
                    return 1
                }
                gid += 1
            }
        }
        groups.rows.append([name, "x", String(gid), ""])
        if let failure = try groups.save(shell, provenance: provenance) {
            shell.programError(program, "can't open '/etc/group': \(failure.message)")
            return 1
        }
        var gshadow = AccountFile("/etc/gshadow", shell)
        if gshadow.existed {
            gshadow.rows.append([name, "!", "", ""])
            _ = try gshadow.save(shell, provenance: provenance)
        }
        return 0
    }

    /// Adds `user` to `group`'s member list; already being a member is not an error.
    static func addMember(_ shell: Interpreter, user: String, group: String, program: String) throws(ShellControl) -> Int32 {
        guard AccountFile("/etc/passwd", shell).row(named: user) != nil else {
            shell.programError(program, "unknown user \(user)")
            return 1
        }
        var groups = AccountFile("/etc/group", shell)
        guard let index = groups.index(named: group) else {
            shell.programError(program, "unknown group \(group)")
            return 1
        }
        var row = groups.rows[index]
        while row.count < 4 { row.append("") }
        var members = AccountFile.members(row)
        if members.contains(user) { return 0 }
        members.append(user)
        row[3] = members.joined(separator: ",")
        groups.rows[index] = row
        if let failure = try groups.save(shell) {
            shell.programError(program, "can't open '/etc/group': \(failure.message)")
            return 1
        }
        var gshadow = AccountFile("/etc/gshadow", shell)
        if gshadow.existed, let shadowIndex = gshadow.index(named: group) {
            var shadowRow = gshadow.rows[shadowIndex]
            while shadowRow.count < 4 { shadowRow.append("") }
            shadowRow[3] = (AccountFile.members(shadowRow) + [user]).joined(separator: ",")
            gshadow.rows[shadowIndex] = shadowRow
            _ = try gshadow.save(shell)
        }
        return 0
    }
}
