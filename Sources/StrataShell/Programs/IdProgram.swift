/// `whoami`, `id [-u|-g|-n] [USER]`.
struct IdProgram: ShellProgram {
    static let names = ["id", "whoami"]
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        if invocation.name == "whoami" {
            try shell.writeOut((UserDatabase.userName(shell.user.uid, shell) ?? shell.user.name) + "\n")
            return 0
        }
        let parsed = ParsedOptions(invocation.arguments, flags: "ugnGr")
        if let bad = parsed.invalid { return shell.invalidOption("id", bad) }
        var uid = shell.user.uid
        var gid = shell.user.gid
        if let name = parsed.operands.first {
            guard let u = UserDatabase.userID(name, shell), UserDatabase.userName(u, shell) != nil || Int(name) != nil else {
                shell.programError("id", "unknown user \(name)")
                return 1
            }
            uid = u
            gid = UserDatabase.primaryGroup(of: UserDatabase.userName(u, shell) ?? name, shell) ?? gid
        }
        let userName = UserDatabase.userName(uid, shell)
        let groupName = UserDatabase.groupName(gid, shell)
        if parsed.has("u") {
            try shell.writeOut((parsed.has("n") ? userName ?? String(uid) : String(uid)) + "\n")
        } else if parsed.has("g") {
            try shell.writeOut((parsed.has("n") ? groupName ?? String(gid) : String(gid)) + "\n")
        } else {
            // A named user lists its primary group; the running process only its supplementary ones.
            var groups = parsed.operands.isEmpty ? [] : [gid]
            if parsed.operands.isEmpty, let supplementary = shell.user.supplementaryGroups {
                // busybox prints getgroups(): the runtime's list, which need not hold the primary group.
                groups = supplementary
            } else {
                for entry in UserDatabase.entries("/etc/group", shell) where entry.count > 3 {
                    if let name = userName, entry[3].split(separator: ",").contains(Substring(name)), let g = Int(entry[2]), !groups.contains(g) { groups.append(g) }
                }
            }
            func label(_ id: Int, _ name: String?) -> String { name.map { "\(id)(\($0))" } ?? String(id) }
            let list = groups.map { label($0, UserDatabase.groupName($0, shell)) }.joined(separator: ",")
            try shell.writeOut("uid=\(label(uid, userName)) gid=\(label(gid, groupName))" + (groups.isEmpty ? "" : " groups=\(list)") + "\n")
        }
        return 0
    }
}
