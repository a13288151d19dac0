/// `chmod [-R] MODE FILE...` with octal and symbolic (`u+x,go-w,a=rX`) modes.
struct ChmodProgram: ShellProgram {
    static let names = ["chmod"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.arguments
        var recursive = false
        while let first = args.first?.text, first.hasPrefix("-"), first.count > 1, first.dropFirst().allSatisfy({ "Rvcf".contains($0) }) {
            if first.contains("R") { recursive = true }
            args.removeFirst()
        }
        guard args.count >= 2 else { shell.programError("chmod", "missing operand"); return 1 }
        let modeText = args[0].text
        var status: Int32 = 0
        for operand in args.dropFirst().map(\.text) {
            if !apply(shell, modeText, shell.absolute(operand), display: operand, recursive: recursive, top: true) { status = 1 }
        }
        return status
    }

    static func apply(_ shell: Interpreter, _ modeText: String, _ path: String, display: String, recursive: Bool, top: Bool) -> Bool {
        guard let info = top ? try? shell.fs.stat(path) : try? shell.fs.lstat(path) else {
            shell.programError("chmod", "\(display): No such file or directory")
            return false
        }
        if info.kind == .symlink { return true }
        guard let mode = parseMode(modeText, current: info.mode, isDirectory: info.kind == .directory) else {
            shell.programError("chmod", "invalid mode '\(modeText)'")
            return false
        }
        do { try shell.fs.chmod(path, mode: mode) } catch {
            shell.programError("chmod", "\(display): \(error.message)")
            return false
        }
        var ok = true
        if recursive && info.kind == .directory {
            for name in (try? shell.fs.listDirectory(path)) ?? [] {
                if !apply(shell, modeText, ShellPath.join(path, name), display: display + "/" + name, recursive: true, top: false) { ok = false }
            }
        }
        return ok
    }

    /// The new permission bits for `text` applied to `current`; nil when the mode is invalid.
    static func parseMode(_ text: String, current: UInt32, isDirectory: Bool) -> UInt32? {
        if let first = text.first, first.isNumber {
            guard text.allSatisfy({ $0 >= "0" && $0 <= "7" }), let value = UInt32(text, radix: 8), value <= 0o7777 else { return nil }
            return value
        }
        var mode = current
        for clause in text.split(separator: ",", omittingEmptySubsequences: false) {
            var chars = Array(clause)
            var who: UInt32 = 0
            while let c = chars.first, "ugoa".contains(c) {
                switch c {
                case "u": who |= 0o4700
                case "g": who |= 0o2070
                case "o": who |= 0o1007
                default: who |= 0o7777
                }
                chars.removeFirst()
            }
            if who == 0 { who = 0o7777 }
            guard !chars.isEmpty else { return nil }
            while let op = chars.first {
                guard "+-=".contains(op) else { return nil }
                chars.removeFirst()
                var bits: UInt32 = 0
                while let c = chars.first, !"+-=".contains(c) {
                    switch c {
                    case "r": bits |= 0o444
                    case "w": bits |= 0o222
                    case "x": bits |= 0o111
                    case "X": if isDirectory || current & 0o111 != 0 { bits |= 0o111 }
                    case "s": bits |= 0o6000
                    case "t": bits |= 0o1000
                    case "u": bits |= ((mode & 0o700) >> 6) * 0o111
                    case "g": bits |= ((mode & 0o070) >> 3) * 0o111
                    case "o": bits |= (mode & 0o007) * 0o111
                    default: return nil
                    }
                    chars.removeFirst()
                }
                bits &= who
                switch op {
                case "+": mode |= bits
                case "-": mode &= ~bits
                default: mode = (mode & ~who) | bits
                }
            }
        }
        return mode & 0o7777
    }
}
