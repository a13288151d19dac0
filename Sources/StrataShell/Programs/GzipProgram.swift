import StrataArchive

/// `gzip [-cdfk1-9] [FILE]...`, `gunzip [-cfk] [FILE]...` and `zcat [FILE]...`.
///
/// Compression goes through zlib without a timestamp, so the bytes differ from busybox's own
/// deflate output in the header and possibly the stream, but decompress to the same content.
/// Both directions carry the input's provenance with the `compressed` transform: a secret
/// squeezed through gzip and back is still the secret.
struct GzipProgram: ShellProgram {
    static let names = ["gzip", "gunzip", "zcat"]

    /// What one run does, from the applet name and its flags.
    struct Mode {
        var name: String
        var decompress: Bool
        var toStdout: Bool
        var force: Bool
        var keep: Bool
        var level: Int32
        /// `-t`: decompress only to check the stream; nothing is written.
        var testOnly: Bool
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let name = invocation.name
        let parsed = ParsedOptions(invocation.arguments, flags: name == "gzip" ? "cdfktvqn123456789" : "cdfktvqn")
        if let bad = parsed.invalid { return shell.invalidOption(name, bad) }
        var level: Int32 = 6
        for digit in "123456789" where parsed.has(digit) { level = Int32(String(digit)) ?? 6 }
        let mode = Mode(
            name: name, decompress: name != "gzip" || parsed.has("d") || parsed.has("t"),
            toStdout: name == "zcat" || parsed.has("c") || parsed.operands.isEmpty,
            force: parsed.has("f"), keep: parsed.has("k"), level: level, testOnly: parsed.has("t"))
        let operands = parsed.operands.isEmpty ? ["-"] : parsed.operands
        var status: Int32 = 0
        for operand in operands {
            if try !process(shell, operand, mode) { status = 1 }
        }
        return status
    }

    /// Handles one operand; false when it failed (the message is already printed).
    static func process(_ shell: Interpreter, _ operand: String, _ mode: Mode) throws(ShellControl) -> Bool {
        let input: ProvenancedBytes
        var sourceMode: UInt32 = 0o644
        if operand == "-" {
            input = shell.readAllInput()
        } else {
            let path = shell.absolute(operand)
            guard let info = try? shell.fs.stat(path) else {
                shell.programError(mode.name, "\(operand): No such file or directory")
                return false
            }
            sourceMode = info.mode
            do { input = try shell.fs.readFile(path) } catch {
                shell.programError(mode.name, "\(operand): \(error.message)")
                return false
            }
        }
        var target: String?
        if !mode.toStdout && !mode.testOnly && operand != "-" {
            guard let newName = outputName(operand, decompress: mode.decompress) else {
                shell.programError(mode.name, "\(operand): unknown suffix - ignored")
                return false
            }
            let newPath = shell.absolute(newName)
            if (try? shell.fs.lstat(newPath)) != nil {
                guard mode.force, (try? shell.fs.lstat(newPath))?.kind != .directory else {
                    shell.programError(mode.name, "can't open '\(newName)': File exists")
                    return false
                }
                try? shell.fs.remove(newPath)
                shell.forget(newPath)
            }
            target = newName
        }
        guard let output = transform(shell, input.bytes, mode) else { return false }
        if mode.testOnly { return true }
        let result = ProvenancedBytes(output, provenance: input.provenance.applying(.compressed))
        guard let target else {
            try shell.writeOut(result.bytes, provenance: result.provenance)
            return true
        }
        if let failure = try shell.writeFile(target, result, mode: sourceMode, applyUmask: true) {
            shell.programError(mode.name, "can't open '\(target)': \(failure.message)")
            return false
        }
        if !mode.keep {
            let path = shell.absolute(operand)
            try? shell.fs.remove(path)
            shell.forget(path)
        }
        return true
    }

    /// The compressed or decompressed bytes, or nil after printing busybox's complaint.
    static func transform(_ shell: Interpreter, _ bytes: [UInt8], _ mode: Mode) -> [UInt8]? {
        if !mode.decompress {
            if let compressed = try? Gzip.compress(bytes, level: mode.level) { return compressed }
            shell.programError(mode.name, "compression failed")
            return nil
        }
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else {
            shell.programError(mode.name, mode.name == "zcat" ? "no gzip/bzip2/xz magic" : "invalid magic")
            return nil
        }
        guard let plain = try? Gzip.decompress(bytes, limit: shell.limits.maxFileBytes) else {
            shell.programError(mode.name, "corrupted data")
            return nil
        }
        return plain
    }

    /// `x` → `x.gz` when compressing; `x.gz` → `x` and `x.tgz` → `x.tar` when decompressing.
    static func outputName(_ operand: String, decompress: Bool) -> String? {
        guard decompress else { return operand + ".gz" }
        if operand.hasSuffix(".gz"), operand.count > 3 { return String(operand.dropLast(3)) }
        if operand.hasSuffix(".tgz"), operand.count > 4 { return String(operand.dropLast(4)) + ".tar" }
        return nil
    }
}
