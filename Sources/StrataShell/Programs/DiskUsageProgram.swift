/// `du [-aHLsk] [-h|-m] [-d N] [FILE]...` over a modelled block size.
///
/// Usage is counted as a 4 KiB-block file system would allocate it (ext4 and overlayfs, where
/// builds run): a directory takes one block, a regular file its size rounded up to whole
/// blocks, a symlink none. Sparse files and hard links are not modelled.
struct DiskUsageProgram: ShellProgram {
    static let names = ["du"]

    struct Options {
        var all = false
        var summary = false
        var human = false
        var megabytes = false
        var maxDepth: Int?
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "aHLsklhmcx", valued: "d")
        if let bad = parsed.invalid { return shell.invalidOption("du", bad) }
        var options = Options()
        options.all = parsed.has("a")
        options.summary = parsed.has("s")
        options.human = parsed.has("h")
        options.megabytes = parsed.has("m")
        if let depth = parsed.values["d"] { options.maxDepth = Int(depth) }
        if options.summary { options.maxDepth = 0 }
        var status: Int32 = 0
        var out = ""
        var total = 0
        for operand in parsed.operands.isEmpty ? ["."] : parsed.operands {
            let path = shell.absolute(operand)
            guard (try? shell.fs.lstat(path)) != nil else {
                shell.programError("du", "\(operand): No such file or directory")
                status = 1
                continue
            }
            total += walk(shell, path, display: operand, depth: 0, options: options, out: &out)
        }
        if parsed.has("c") { out += format(total, options) + "\ttotal\n" }
        try shell.writeOut(out)
        return status
    }

    /// Kilobytes used by `path` and everything below; prints the lines busybox would.
    static func walk(_ shell: Interpreter, _ path: String, display: String, depth: Int, options: Options, out: inout String) -> Int {
        guard let info = try? shell.fs.lstat(path) else { return 0 }
        var kilobytes: Int
        switch info.kind {
        case .directory:
            kilobytes = 4
            for name in (try? shell.fs.listDirectory(path)) ?? [] {
                let childDisplay = display.hasSuffix("/") ? display + name : display + "/" + name
                kilobytes += walk(shell, ShellPath.join(path, name), display: childDisplay, depth: depth + 1, options: options, out: &out)
            }
        case .regular:
            kilobytes = (info.size + 4095) / 4096 * 4
        case .symlink, .fifo, .socket:
            kilobytes = 0
        }
        let shown = options.maxDepth.map { depth <= $0 } ?? true
        if shown && (info.kind == .directory || options.all || depth == 0) {
            out += format(kilobytes, options) + "\t" + display + "\n"
        }
        return kilobytes
    }

    /// busybox's make_human_readable_str for `-h`; plain kilobytes (or megabytes) otherwise.
    static func format(_ kilobytes: Int, _ options: Options) -> String {
        if options.megabytes { return String((kilobytes + 1023) / 1024) }
        guard options.human else { return String(kilobytes) }
        if kilobytes == 0 { return "0" }
        var value = Double(kilobytes)
        var unit = 0
        let units = ["K", "M", "G", "T"]
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)\(units[unit])"
    }
}
