/// A command line as a program model sees it.
struct ProgramInvocation {
    var name: String
    var arguments: [ShellString]

    var args: [String] { arguments.map(\.text) }
    /// The union provenance of all arguments.
    var argumentProvenance: Provenance {
        arguments.reduce(Provenance.clean) { $0.merged(with: $1.provenance) }
    }
}

/// A Swift model of one busybox applet: same output, messages and exit status.
protocol ShellProgram: Sendable {
    static var names: [String] { get }
    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32
}

/// Options parsed the way busybox's getopt32 does: clustered flags, `--`, and values.
struct ParsedOptions {
    var flags: Set<Character> = []
    var values: [Character: String] = [:]
    var operands: [String] = []
    /// Operand provenance, index-aligned with `operands`.
    var operandValues: [ShellString] = []
    var invalid: Character?

    func has(_ flag: Character) -> Bool { flags.contains(flag) }

    /// Parses `arguments`; `valued` lists options that take a value. Options stop at the first
    /// operand unless `permute` is set (GNU-style, as most busybox applets do).
    init(_ arguments: [ShellString], flags allowed: String, valued: String = "", permute: Bool = true) {
        var index = 0
        var onlyOperands = false
        while index < arguments.count {
            let argument = arguments[index]
            let text = argument.text
            index += 1
            if onlyOperands || !text.hasPrefix("-") || text == "-" {
                operands.append(text)
                operandValues.append(argument)
                if !permute { onlyOperands = true }
                continue
            }
            if text == "--" { onlyOperands = true; continue }
            var chars = Array(text.dropFirst())
            while !chars.isEmpty {
                let c = chars.removeFirst()
                if valued.contains(c) {
                    if !chars.isEmpty {
                        values[c] = String(chars)
                    } else if index < arguments.count {
                        values[c] = arguments[index].text
                        index += 1
                    } else {
                        invalid = c
                    }
                    flags.insert(c)
                    break
                }
                if !allowed.contains(c) {
                    if invalid == nil { invalid = c }
                    continue
                }
                flags.insert(c)
            }
        }
    }
}

extension Interpreter {
    /// `NAME: message` on stderr, as busybox's bb_error_msg.
    func programError(_ name: String, _ message: String) {
        writeError("\(name): \(message)")
    }

    func invalidOption(_ name: String, _ option: Character) -> Int32 {
        writeError("\(name): invalid option -- '\(option)'")
        return 1
    }

    /// Reads an input operand: `-` is stdin. On failure prints `NAME: PATH: error` unless
    /// `quietFormat` gives another shape, and returns nil.
    func readOperand(_ operand: String, program: String, canOpenStyle: Bool = false) -> ProvenancedBytes? {
        if operand == "-" || operand == "/dev/stdin" { return readAllInput() }
        if operand == "/dev/null" || operand == "/dev/zero" { return ProvenancedBytes() }
        do {
            return try fs.readFile(absolute(operand))
        } catch {
            if canOpenStyle {
                programError(program, "can't open '\(operand)': \(error.message)")
            } else {
                programError(program, "\(operand): \(error.message)")
            }
            return nil
        }
    }

    func writeOut(_ bytes: [UInt8], provenance: Provenance) throws(ShellControl) {
        try write(bytes, provenance: provenance, to: 1)
    }
}

/// Splits bytes into lines; the last line may lack a newline.
func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    for b in bytes {
        if b == 0x0A { lines.append(current); current = [] } else { current.append(b) }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

/// The ranges of the lines in `bytes`, without their newlines; the last line may lack one.
/// Programs that only compare or count lines use these instead of one array per line.
func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(bytes.count / 32 + 1)
    bytes.withUnsafeBufferPointer { buffer in
        var start = 0
        for index in 0..<buffer.count where buffer[index] == 0x0A {
            ranges.append(start..<index)
            start = index + 1
        }
        if start < buffer.count { ranges.append(start..<buffer.count) }
    }
    return ranges
}

/// Byte-wise three-way comparison of two ranges of one buffer (`lexicographicallyPrecedes`
/// order), optionally upper-casing ASCII letters as `sort -f` does.
@inline(__always)
func compareBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>, fold: Bool = false) -> Int {
    let n = min(a.count, b.count)
    var i = 0
    while i < n {
        var x = buffer[a.lowerBound + i]
        var y = buffer[b.lowerBound + i]
        if fold {
            if x >= 97 && x <= 122 { x -= 32 }
            if y >= 97 && y <= 122 { y -= 32 }
        }
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
