/// `base64 [-d] [-w COLS] [FILE]`.
struct Base64Program: ShellProgram {
    static let names = ["base64"]
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "di", valued: "w")
        if let bad = parsed.invalid { return shell.invalidOption("base64", bad) }
        guard let data = shell.readOperand(parsed.operands.first ?? "-", program: "base64") else { return 1 }
        if parsed.has("d") {
            guard let decoded = decode(data.bytes) else {
                shell.programError("base64", "invalid input")
                return 1
            }
            try shell.writeOut(decoded, provenance: data.provenance.applying(.base64))
            return 0
        }
        let width = Int(parsed.values["w"] ?? "76") ?? 76
        let encoded = encode(data.bytes)
        var out: [UInt8] = []
        if width > 0 {
            var i = 0
            while i < encoded.count {
                out += encoded[i..<min(encoded.count, i + width)] + [0x0A]
                i += width
            }
        } else {
            out = encoded
        }
        if encoded.isEmpty { out = [] }
        try shell.writeOut(out, provenance: data.provenance.applying(.base64))
        return 0
    }

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 15) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [UInt8]? {
        var table = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = i }
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for b in bytes {
            if b == UInt8(ascii: "=") { break }
            if b == 0x0A || b == 0x0D || b == 0x20 { continue }
            let v = table[Int(b)]
            if v < 0 { return nil }
            buffer = buffer << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return out
    }
}
