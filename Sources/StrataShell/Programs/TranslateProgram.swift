/// `tr [-cds] SET1 [SET2]` over bytes, with ranges, escapes and `[:class:]`.
struct TranslateProgram: ShellProgram {
    static let names = ["tr"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "cdsCt")
        if let bad = parsed.invalid { return shell.invalidOption("tr", bad) }
        guard let first = parsed.operands.first else { shell.programError("tr", "missing operand"); return 1 }
        var set1 = expand(first)
        var set2 = parsed.operands.count > 1 ? expand(parsed.operands[1]) : []
        if parsed.has("c") || parsed.has("C") {
            let members = Set(set1)
            set1 = (0...255).map(UInt8.init).filter { !members.contains($0) }
        }
        let input = shell.readAllInput()
        var out: [UInt8] = []
        out.reserveCapacity(input.bytes.count)
        let delete = parsed.has("d")
        let squeeze = parsed.has("s")
        var map = [Int](repeating: -1, count: 256)
        if !delete && !set2.isEmpty {
            if set2.count < set1.count { set2 += Array(repeating: set2.last ?? 0, count: set1.count - set2.count) }
            for (i, b) in set1.enumerated() { map[Int(b)] = Int(set2[i]) }
        }
        var deleteSet = [Bool](repeating: false, count: 256)
        if delete { for b in set1 { deleteSet[Int(b)] = true } }
        var squeezeSet = [Bool](repeating: false, count: 256)
        if squeeze { for b in (delete || set2.isEmpty ? (delete ? set2 : set1) : set2) { squeezeSet[Int(b)] = true } }
        var last: Int = -1
        for b in input.bytes {
            if deleteSet[Int(b)] { continue }
            let mapped = map[Int(b)] >= 0 ? UInt8(map[Int(b)]) : b
            if squeeze && squeezeSet[Int(mapped)] && Int(mapped) == last { continue }
            out.append(mapped)
            last = Int(mapped)
        }
        let changed = out != input.bytes
        try shell.writeOut(out, provenance: input.provenance.applying(changed ? .substituted : .copied))
        return 0
    }

    static func expand(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var raw: [UInt8] = []
        var i = 0
        var result: [UInt8] = []
        func unescape(_ i: inout Int) -> UInt8 {
            if bytes[i] == 0x5C && i + 1 < bytes.count {
                i += 1
                switch bytes[i] {
                case UInt8(ascii: "n"): return 0x0A
                case UInt8(ascii: "t"): return 0x09
                case UInt8(ascii: "r"): return 0x0D
                case UInt8(ascii: "\\"): return 0x5C
                case 48...55:
                    var v = 0
                    var n = 0
                    while n < 3, i < bytes.count, bytes[i] >= 48, bytes[i] <= 55 { v = v * 8 + Int(bytes[i] - 48); i += 1; n += 1 }
                    i -= 1
                    return UInt8(truncatingIfNeeded: v)
                default: return bytes[i]
                }
            }
            return bytes[i]
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "["), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":") {
                if let end = (i + 2..<bytes.count).first(where: { bytes[$0] == UInt8(ascii: ":") && $0 + 1 < bytes.count && bytes[$0 + 1] == UInt8(ascii: "]") }) {
                    let name = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                    for b in 0..<128 where ShellPattern.characterClass(name, Character(Unicode.Scalar(UInt8(b)))) { result.append(UInt8(b)) }
                    i = end + 2
                    continue
                }
            }
            let lo = unescape(&i)
            i += 1
            if i + 1 < bytes.count && bytes[i] == UInt8(ascii: "-") {
                var j = i + 1
                let hi = unescape(&j)
                if lo <= hi { result += Array(lo...hi) }
                i = j + 1
                continue
            }
            result.append(lo)
        }
        _ = raw
        raw = []
        return result
    }
}
