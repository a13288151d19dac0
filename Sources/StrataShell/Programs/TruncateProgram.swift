/// `truncate [-c] -s SIZE FILE...`: cuts or zero-extends files; SIZE takes k/M/G suffixes.
struct TruncateProgram: ShellProgram {
    static let names = ["truncate"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "c", valued: "s")
        if let bad = parsed.invalid { return shell.invalidOption("truncate", bad) }
        guard let sizeText = parsed.values["s"] else {
            shell.programError("truncate", "missing size")
            return 1
        }
        guard let size = parseSize(sizeText) else {
            shell.programError("truncate", "invalid number '\(sizeText)'")
            return 1
        }
        var status: Int32 = 0
        for operand in parsed.operands {
            let path = shell.absolute(operand)
            let existing: ProvenancedBytes
            if shell.fs.exists(path) {
                do { existing = try shell.fs.readFile(path) } catch {
                    shell.programError("truncate", "\(operand): \(error.message)")
                    status = 1
                    continue
                }
            } else {
                if parsed.has("c") { continue }
                existing = ProvenancedBytes()
            }
            var bytes = Array(existing.bytes.prefix(size))
            if bytes.count < size { bytes += [UInt8](repeating: 0, count: size - bytes.count) }
            if let failure = try shell.writeFile(path, ProvenancedBytes(bytes, provenance: existing.provenance), mode: 0o666) {
                shell.programError("truncate", "\(operand): \(failure.message)")
                status = 1
            }
        }
        return status
    }

    /// `10`, `4k`, `1M`, `2G` (powers of 1024, as busybox's kMG suffixes).
    static func parseSize(_ text: String) -> Int? {
        var digits = text
        var multiplier = 1
        switch digits.last {
        case "k", "K": multiplier = 1 << 10
        case "m", "M": multiplier = 1 << 20
        case "g", "G": multiplier = 1 << 30
        default: break
        }
        if multiplier != 1 { digits.removeLast() }
        guard let value = Int(digits), value >= 0 else { return nil }
        return value * multiplier
    }
}
