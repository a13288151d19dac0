import StrataArchive

/// `tar c|x|t [-zvopmkOh] [-f FILE] [-C DIR] [FILE]...`, busybox 1.35's flavour.
///
/// The archive is one byte stream with one provenance: everything extracted from an archive
/// that holds a secret carries that secret (`copied`), and an archive built from a secret
/// carries it too (`copied`, then `compressed` under `-z`).
struct TarProgram: ShellProgram {
    static let names = ["tar"]

    /// The parsed command line.
    struct Options {
        enum Action { case create, extract, list }
        var action: Action
        var archive = "-"
        var directory: String?
        var gzip = false
        var verbose = false
        var toStdout = false
        var keepOld = false
        var noOwner = false
        var noPermissions = false
        var noMtime = false
        var followLinks = false
        var stripComponents = 0
        var operands: [String] = []
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var arguments = invocation.arguments
        // `tar cvf x.tar dir`: a first word without a dash is a cluster of options.
        if let first = arguments.first, !first.text.hasPrefix("-") {
            arguments[0] = ShellString("-" + first.text, provenance: first.provenance)
        }
        var longFlags: Set<String> = []
        var stripComponents = 0
        var shortArguments: [ShellString] = []
        var index = 0
        while index < arguments.count {
            let text = arguments[index].text
            index += 1
            guard text.hasPrefix("--"), text != "--" else { shortArguments.append(arguments[index - 1]); continue }
            if text.hasPrefix("--strip-components") {
                var value = String(text.dropFirst("--strip-components".count))
                if value.hasPrefix("=") { value.removeFirst() } else if index < arguments.count { value = arguments[index].text; index += 1 }
                stripComponents = Int(value) ?? 0
            } else {
                longFlags.insert(text)
            }
        }
        let parsed = ParsedOptions(shortArguments, flags: "cxtzvopmkOhaZjJ", valued: "fCTX")
        if let bad = parsed.invalid {
            if "fCTX".contains(bad) {
                shell.programError("tar", "option requires an argument -- '\(bad)'")
                return 1
            }
            return shell.invalidOption("tar", bad)
        }
        let actions = [("c", Options.Action.create), ("x", .extract), ("t", .list)].filter { parsed.has(Character($0.0)) }
        guard actions.count == 1, let action = actions.first?.1 else {
            shell.programError("tar", actions.isEmpty ? "need at least one option" : "only one of 'c', 'x', 't' may be given")
            return 1
        }
        var options = Options(action: action)
        options.archive = parsed.values["f"] ?? "-"
        options.directory = parsed.values["C"]
        options.gzip = parsed.has("z")
        options.verbose = parsed.has("v")
        options.toStdout = parsed.has("O")
        options.keepOld = parsed.has("k")
        options.noOwner = parsed.has("o") || longFlags.contains("--no-same-owner")
        options.noPermissions = longFlags.contains("--no-same-permissions")
        options.noMtime = parsed.has("m")
        options.followLinks = parsed.has("h")
        options.stripComponents = stripComponents
        options.operands = parsed.operands
        switch action {
        case .create: return try create(shell, options)
        case .extract, .list: return try read(shell, options)
        }
    }

    /// Runs `body` with the working directory changed to `-C DIR`, restoring it after.
    static func inDirectory(_ shell: Interpreter, _ options: Options, _ body: () throws(ShellControl) -> Int32) throws(ShellControl) -> Int32 {
        guard let directory = options.directory else { return try body() }
        let path = shell.absolute(directory)
        guard shell.fs.isDirectory(path) else {
            let reason = shell.fs.exists(path) ? "Not a directory" : "No such file or directory"
            shell.programError("tar", "can't change directory to '\(directory)': \(reason)")
            return 1
        }
        let saved = shell.cwd
        shell.cwd = path
        defer { shell.cwd = saved }
        return try body()
    }
}
