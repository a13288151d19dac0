/// `deluser [--remove-home] USER`, `deluser USER GROUP`, `delgroup GROUP` and
/// `delgroup USER GROUP`, following busybox 1.35's loginutils/deluser.c.
struct DeleteUserProgram: ShellProgram {
    static let names = ["deluser", "delgroup"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let name = invocation.name
        var removeHome = false
        var operands: [String] = []
        for argument in invocation.args {
            if argument == "--remove-home" && name == "deluser" { removeHome = true; continue }
            if argument.hasPrefix("-") && argument.count > 1 { return shell.invalidOption(name, argument.dropFirst().first ?? "-") }
            operands.append(argument)
        }
        guard (1...2).contains(operands.count) else {
            shell.programError(name, "usage: \(name) \(name == "deluser" ? "USER" : "[USER] GROUP")")
            return 1
        }
        if operands.count == 2 { return try removeMember(shell, user: operands[0], group: operands[1], program: name) }
        return name == "deluser" ? try deleteUser(shell, operands[0], removeHome: removeHome) : try deleteGroup(shell, operands[0], program: name)
    }

    /// Removes the user from passwd, shadow and every member list; then its primary group
    /// when that group bears the user's name and has no members left.
    static func deleteUser(_ shell: Interpreter, _ user: String, removeHome: Bool) throws(ShellControl) -> Int32 {
        var passwd = AccountFile("/etc/passwd", shell)
        guard let index = passwd.index(named: user) else {
            shell.programError("deluser", "unknown user \(user)")
            return 1
        }
        let row = passwd.rows.remove(at: index)
        _ = try passwd.save(shell)
        var shadow = AccountFile("/etc/shadow", shell)
        if let shadowIndex = shadow.index(named: user) {
            shadow.rows.remove(at: shadowIndex)
            _ = try shadow.save(shell)
        }
        // busybox rewrites /etc/group to drop the user from every member list, saying so
        // when it was in none.
        var file = AccountFile("/etc/group", shell)
        if file.existed {
            var changed = false
            for i in file.rows.indices where AccountFile.members(file.rows[i]).contains(user) {
                file.rows[i][3] = AccountFile.members(file.rows[i]).filter { $0 != user }.joined(separator: ",")
                changed = true
            }
            if !changed { shell.programError("deluser", "can't find \(user) in /etc/group") }
            _ = try file.save(shell)
        }
        if removeHome, row.count > 5, !row[5].isEmpty {
            _ = RemoveProgram.remove(shell, shell.absolute(row[5]), display: row[5], recursive: true, force: true)
        }
        // Then `delgroup USER` when a group of that name exists, whatever its gid.
        if AccountFile("/etc/group", shell).row(named: user) != nil {
            return try deleteGroup(shell, user, program: "deluser")
        }
        return 0
    }

    /// Removes a group nobody has as primary group.
    static func deleteGroup(_ shell: Interpreter, _ group: String, program: String) throws(ShellControl) -> Int32 {
        var groups = AccountFile("/etc/group", shell)
        guard let index = groups.index(named: group) else {
            shell.programError(program, "unknown group \(group)")
            return 1
        }
        let gid = groups.rows[index].count > 2 ? Int(groups.rows[index][2]) : nil
        if let owner = AccountFile("/etc/passwd", shell).rows.first(where: { $0.count > 3 && Int($0[3]) == gid }) {
            // busybox's words, names in this order: "'USER' still has 'GROUP' as their primary group!".
            shell.programError(program, "'\(owner[0])' still has '\(group)' as their primary group!")
            return 1
        }
        groups.rows.remove(at: index)
        _ = try groups.save(shell)
        var gshadow = AccountFile("/etc/gshadow", shell)
        if let shadowIndex = gshadow.index(named: group) {
            gshadow.rows.remove(at: shadowIndex)
            _ = try gshadow.save(shell)
        }
        return 0
    }

    static func removeMember(_ shell: Interpreter, user: String, group: String, program: String) throws(ShellControl) -> Int32 {
        var groups = AccountFile("/etc/group", shell)
        guard let index = groups.index(named: group) else {
            shell.programError(program, "unknown group \(group)")
            return 1
        }
        let members = AccountFile.members(groups.rows[index])
        guard members.contains(user) else {
            shell.programError(program, "can't find \(user) in /etc/group")
            return 1
        }
        groups.rows[index][3] = members.filter { $0 != user }.joined(separator: ",")
        _ = try groups.save(shell)
        return 0
    }
}
