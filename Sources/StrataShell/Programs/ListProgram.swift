/// `ls [-1aAldR]`: one name per line, as busybox prints when stdout is not a terminal.
struct ListProgram: ShellProgram {
    static let names = ["ls"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "1aAldRFnhtrSCxpio")
        if let bad = parsed.invalid { return shell.invalidOption("ls", bad) }
        let operands = parsed.operands.isEmpty ? ["."] : parsed.operands
        var status: Int32 = 0
        var files: [(String, String)] = []
        var directories: [(String, String)] = []
        for operand in operands.sorted() {
            let path = shell.absolute(operand)
            let followed = parsed.has("l") || parsed.has("d") ? (try? shell.fs.lstat(path)) : (try? shell.fs.stat(path))
            guard let info = followed else {
                shell.programError("ls", "\(operand): No such file or directory")
                status = 1
                continue
            }
            if info.kind == .directory && !parsed.has("d") { directories.append((operand, path)) } else { files.append((operand, path)) }
        }
        var out = ""
        for (name, path) in files { out += line(shell, name: name, path: path, parsed: parsed) }
        let showHeaders = operands.count > 1 || parsed.has("R")
        for (index, (name, path)) in directories.enumerated() {
            if showHeaders {
                if index > 0 || !files.isEmpty { out += "\n" }
                out += name + ":\n"
            }
            out += listing(shell, name: name, path: path, parsed: parsed)
        }
        try shell.writeOut(out)
        return status
    }

    static func listing(_ shell: Interpreter, name: String, path: String, parsed: ParsedOptions) -> String {
        var names = (try? shell.fs.listDirectory(path)) ?? []
        if parsed.has("a") { names = [".", ".."] + names } else if !parsed.has("A") { names = names.filter { !$0.hasPrefix(".") } }
        if parsed.has("r") { names.reverse() }
        var out = ""
        if parsed.has("l") {
            var total = 0
            for entry in names { total += ((try? shell.fs.lstat(ShellPath.join(path, entry)))?.size ?? 0 + 1023) / 1024 }
            _ = total
        }
        for entry in names { out += line(shell, name: entry, path: ShellPath.join(path, entry), parsed: parsed) }
        if parsed.has("R") {
            for entry in names where entry != "." && entry != ".." {
                let child = ShellPath.join(path, entry)
                if (try? shell.fs.lstat(child))?.kind == .directory {
                    let childName = name == "." ? "./" + entry : name + "/" + entry
                    out += "\n" + childName + ":\n" + listing(shell, name: childName, path: child, parsed: parsed)
                }
            }
        }
        return out
    }

    static func line(_ shell: Interpreter, name: String, path: String, parsed: ParsedOptions) -> String {
        guard parsed.has("l") || parsed.has("n"), let info = try? shell.fs.lstat(path) else {
            var suffix = ""
            if parsed.has("F") || parsed.has("p"), let info = try? shell.fs.lstat(path) {
                if info.kind == .directory { suffix = "/" } else if parsed.has("F") && info.kind == .symlink { suffix = "@" } else if parsed.has("F") && info.kind == .fifo { suffix = "|" } else if parsed.has("F") && info.kind == .socket { suffix = "=" } else if parsed.has("F") && info.mode & 0o111 != 0 { suffix = "*" }
            }
            return name + suffix + "\n"
        }
        let owner = parsed.has("n") ? String(info.uid) : (UserDatabase.userName(info.uid, shell) ?? String(info.uid))
        let group = parsed.has("n") ? String(info.gid) : (UserDatabase.groupName(info.gid, shell) ?? String(info.gid))
        var text = modeString(info) + " " + pad(String(1), 4, left: true) + " " + pad(owner, 8, left: false) + " " + pad(group, 8, left: false) + " "
        text += pad(String(info.size), 9, left: true) + " " + DateProgram.format(info.modificationTime, "%b %e %H:%M") + " " + name
        if info.kind == .symlink, let target = info.linkTarget { text += " -> " + target }
        return text + "\n"
    }

    static func pad(_ text: String, _ width: Int, left: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }

    static func modeString(_ info: FileStatus) -> String {
        var s: String
        switch info.kind {
        case .directory: s = "d"
        case .symlink: s = "l"
        case .fifo: s = "p"
        case .socket: s = "s"
        case .regular: s = "-"
        }
        let m = info.mode
        let chars: [(UInt32, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o040, "r"), (0o020, "w"), (0o010, "x"), (0o004, "r"), (0o002, "w"), (0o001, "x")]
        for (bit, c) in chars { s.append(m & bit != 0 ? c : "-") }
        var a = Array(s)
        if m & 0o4000 != 0 { a[3] = a[3] == "x" ? "s" : "S" }
        if m & 0o2000 != 0 { a[6] = a[6] == "x" ? "s" : "S" }
        if m & 0o1000 != 0 { a[9] = a[9] == "x" ? "t" : "T" }
        return String(a)
    }
}
