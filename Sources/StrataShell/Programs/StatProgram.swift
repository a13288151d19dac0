/// `stat [-L] [-c FORMAT] FILE...` with busybox's format directives (`%n %a %u:%g %s %F` ...).
///
/// Without `-L` the entry itself is described (lstat), as busybox does. Without `-c` a short
/// form (`%n %s %F %a %u:%g`) stands in for busybox's multi-line listing.
struct StatProgram: ShellProgram {
    static let names = ["stat"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "cLft", valued: "c")
        if let bad = parsed.invalid { return shell.invalidOption("stat", bad) }
        guard !parsed.operands.isEmpty else {
            shell.programError("stat", "missing operand")
            return 1
        }
        let format = parsed.values["c"] ?? "%n %s %F %a %u:%g"
        var status: Int32 = 0
        var out = ""
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            let info: FileStatus
            do {
                info = parsed.has("L") ? try shell.fs.stat(path) : try shell.fs.lstat(path)
            } catch {
                shell.programError("stat", "can't stat '\(operand)': \(error.message)")
                status = 1
                continue
            }
            out += render(format, name: operand, info, shell) + "\n"
        }
        try shell.writeOut(out)
        return status
    }

    /// Expands the `%` directives of `format` for one file.
    static func render(_ format: String, name: String, _ info: FileStatus, _ shell: Interpreter) -> String {
        var result = ""
        var characters = format.makeIterator()
        while let c = characters.next() {
            guard c == "%" else {
                result.append(c)
                continue
            }
            guard let directive = characters.next() else {
                result.append("%")
                break
            }
            result += expand(directive, name: name, info, shell)
        }
        return result
    }

    static func expand(_ directive: Character, name: String, _ info: FileStatus, _ shell: Interpreter) -> String {
        switch directive {
        case "%": return "%"
        case "n": return name
        case "N": return info.kind == .symlink ? "'\(name)' -> '\(info.linkTarget ?? "")'" : name
        case "a": return String(info.mode & 0o7777, radix: 8)
        case "A": return ListProgram.modeString(info)
        case "f": return String(typeBits(info.kind) | (info.mode & 0o7777), radix: 16)
        case "F": return typeName(info)
        case "s": return String(info.size)
        case "u": return String(info.uid)
        case "g": return String(info.gid)
        case "U": return UserDatabase.userName(info.uid, shell) ?? "UNKNOWN"
        case "G": return UserDatabase.groupName(info.gid, shell) ?? "UNKNOWN"
        case "h": return info.kind == .directory ? "2" : "1"
        case "b": return String((info.size + 511) / 512)
        case "B": return "512"
        case "X", "Y", "Z": return String(info.modificationTime)
        case "x", "y", "z": return DateProgram.format(info.modificationTime, "%Y-%m-%d %H:%M:%S.000000000 +0000")
        default: return "?"
        }
    }

    /// busybox's `file_type()` text.
    static func typeName(_ info: FileStatus) -> String {
        switch info.kind {
        case .regular: info.size == 0 ? "regular empty file" : "regular file"
        case .directory: "directory"
        case .symlink: "symbolic link"
        case .fifo: "fifo"
        case .socket: "socket"
        }
    }

    static func typeBits(_ kind: FileKind) -> UInt32 {
        switch kind {
        case .regular: 0o100000
        case .directory: 0o040000
        case .symlink: 0o120000
        case .fifo: 0o010000
        case .socket: 0o140000
        }
    }
}
