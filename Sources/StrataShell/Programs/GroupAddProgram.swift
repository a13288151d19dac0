/// `groupadd [-g GID] [-r] [-f] [-o] GROUP`, modelled on shadow-utils' file edits (Debian and
/// Ubuntu images). Exit codes are shadow-utils': 2 usage, 3 bad value, 4 gid taken, 9 name taken.
struct GroupAddProgram: ShellProgram {
    static let names = ["groupadd"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "rfo", valued: "gKp")
        if let bad = parsed.invalid { return shell.invalidOption("groupadd", bad) }
        guard parsed.operands.count == 1, let name = parsed.operands.first else {
            shell.programError("groupadd", "Usage: groupadd [options] GROUP")
            return 2
        }
        let groups = AccountFile("/etc/group", shell)
        if groups.row(named: name) != nil {
            if parsed.has("f") { return 0 }
            shell.programError("groupadd", "group '\(name)' already exists")
            return 9
        }
        if AccountFile.badNameCharacter(name) != nil {
            shell.programError("groupadd", "'\(name)' is not a valid group name")
            return 3
        }
        var gid: Int
        if let text = parsed.values["g"] {
            guard let value = Int(text), value >= 0 else {
                shell.programError("groupadd", "invalid group ID '\(text)'")
                return 3
            }
            if groups.row(withID: value) != nil && !parsed.has("o") {
                if !parsed.has("f") {
                    shell.programError("groupadd", "GID '\(value)' already exists")
                    return 4
                }
                gid = nextID(in: groups, system: parsed.has("r"))
            } else {
                gid = value
            }
        } else {
            gid = nextID(in: groups, system: parsed.has("r"))
        }
        return try GroupAddProgram.append(shell, name: name, gid: gid, program: "groupadd", provenance: invocation.argumentProvenance)
    }

    /// shadow-utils' choice: one above the highest id in 1000–60000, or for system accounts
    /// the highest free id at or below 999.
    static func nextID(in file: AccountFile, system: Bool, also other: AccountFile? = nil) -> Int {
        let used = Set(file.rows.compactMap { $0.count > 2 ? Int($0[2]) : nil } + (other?.rows.compactMap { $0.count > 2 ? Int($0[2]) : nil } ?? []))
        if system {
            var id = 999
            while used.contains(id) && id > 100 { id -= 1 }
            return id
        }
        let highest = used.filter { (1000...60000).contains($0) }.max()
        return (highest ?? 999) + 1
    }

    static func append(_ shell: Interpreter, name: String, gid: Int, program: String, provenance: Provenance = .clean) throws(ShellControl) -> Int32 {
        var groups = AccountFile("/etc/group", shell)
        groups.rows.append([name, "x", String(gid), ""])
        if let failure = try groups.save(shell, provenance: provenance) {
            shell.programError(program, "cannot open /etc/group: \(failure.message)")
            return 10
        }
        var gshadow = AccountFile("/etc/gshadow", shell)
        if gshadow.existed {
            gshadow.rows.append([name, "!", "", ""])
            _ = try gshadow.save(shell, provenance: provenance)
        }
        return 0
    }
}
