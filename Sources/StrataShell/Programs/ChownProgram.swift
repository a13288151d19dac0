/// `chown [-Rh] USER[:GROUP] FILE...` and `chgrp [-Rh] GROUP FILE...`, resolving names through
/// the image's own /etc/passwd and /etc/group.
struct ChownProgram: ShellProgram {
    static let names = ["chown", "chgrp"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let name = invocation.name
        let parsed = ParsedOptions(invocation.arguments, flags: "RhHLPvcf")
        if let bad = parsed.invalid { return shell.invalidOption(name, bad) }
        guard parsed.operands.count >= 2 else { shell.programError(name, "missing operand"); return 1 }
        let spec = parsed.operands[0]
        var uid: Int?
        var gid: Int?
        if name == "chgrp" {
            guard let g = UserDatabase.groupID(spec, shell) else { shell.programError(name, "unknown group \(spec)"); return 1 }
            gid = g
        } else {
            let separator = spec.firstIndex(where: { $0 == ":" || $0 == "." })
            let userPart = separator.map { String(spec[..<$0]) } ?? spec
            let groupPart = separator.map { String(spec[spec.index(after: $0)...]) }
            if !userPart.isEmpty {
                guard let u = UserDatabase.userID(userPart, shell) else { shell.programError(name, "unknown user \(userPart)"); return 1 }
                uid = u
                if let groupPart, groupPart.isEmpty { gid = UserDatabase.primaryGroup(of: userPart, shell) }
            }
            if let groupPart, !groupPart.isEmpty {
                guard let g = UserDatabase.groupID(groupPart, shell) else { shell.programError(name, "unknown group \(groupPart)"); return 1 }
                gid = g
            }
        }
        var status: Int32 = 0
        for operand in parsed.operands.dropFirst() {
            if !apply(shell, name, shell.absolute(operand), display: operand, uid: uid, gid: gid, recursive: parsed.has("R"), noDereference: parsed.has("h"), top: true) { status = 1 }
        }
        return status
    }

    static func apply(_ shell: Interpreter, _ name: String, _ path: String, display: String, uid: Int?, gid: Int?, recursive: Bool, noDereference: Bool, top: Bool) -> Bool {
        guard let info = try? shell.fs.lstat(path) else {
            shell.programError(name, "\(display): No such file or directory")
            return false
        }
        let target = info.kind == .symlink && !noDereference && top ? ((try? shell.fs.realpath(path)) ?? path) : path
        let current = (try? shell.fs.lstat(target)) ?? info
        do { try shell.fs.chown(target, uid: uid ?? current.uid, gid: gid ?? current.gid) } catch {
            shell.programError(name, "\(display): \(error.message)")
            return false
        }
        var ok = true
        if recursive && info.kind == .directory {
            for child in (try? shell.fs.listDirectory(path)) ?? [] {
                if !apply(shell, name, ShellPath.join(path, child), display: display + "/" + child, uid: uid, gid: gid, recursive: true, noDereference: true, top: false) { ok = false }
            }
        }
        return ok
    }
}

/// Name lookups in the image's /etc/passwd and /etc/group.
enum UserDatabase {
    static func entries(_ file: String, _ shell: Interpreter) -> [[Substring]] {
        guard let data = try? shell.fs.readFile(file) else { return [] }
        return data.text.split(separator: "\n").map { $0.split(separator: ":", omittingEmptySubsequences: false) }
    }

    static func userID(_ name: String, _ shell: Interpreter) -> Int? {
        if let entry = entries("/etc/passwd", shell).first(where: { $0.count > 2 && $0[0] == name }) { return Int(entry[2]) }
        return Int(name)
    }

    static func groupID(_ name: String, _ shell: Interpreter) -> Int? {
        if let entry = entries("/etc/group", shell).first(where: { $0.count > 2 && $0[0] == name }) { return Int(entry[2]) }
        return Int(name)
    }

    static func primaryGroup(of user: String, _ shell: Interpreter) -> Int? {
        entries("/etc/passwd", shell).first(where: { $0.count > 3 && $0[0] == user }).flatMap { Int($0[3]) }
    }

    static func userName(_ uid: Int, _ shell: Interpreter) -> String? {
        entries("/etc/passwd", shell).first(where: { $0.count > 2 && Int($0[2]) == uid }).map { String($0[0]) }
    }

    static func groupName(_ gid: Int, _ shell: Interpreter) -> String? {
        entries("/etc/group", shell).first(where: { $0.count > 2 && Int($0[2]) == gid }).map { String($0[0]) }
    }
}
