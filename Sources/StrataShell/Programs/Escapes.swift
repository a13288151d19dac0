/// Backslash escapes shared by `echo -e`, `printf` and `printf %b`.
enum Escapes {
    /// The text with escapes replaced; `stop` is true when `\c` ended output.
    static func interpret(_ text: String, octalNeedsZero: Bool) -> (String, stop: Bool) {
        let (bytes, stop) = interpretBytes(text, octalNeedsZero: octalNeedsZero)
        return (String(decoding: bytes, as: UTF8.self), stop)
    }

    /// The bytes the escapes stand for: `\377` is one byte, not valid UTF-8 on its own.
    static func interpretBytes(_ text: String, octalNeedsZero: Bool) -> ([UInt8], stop: Bool) {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x5C, i + 1 < bytes.count else { out.append(b); i += 1; continue }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "e"): out.append(0x1B)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "c"): return (out, true)
            case UInt8(ascii: "x"):
                var value = 0
                var count = 0
                while count < 2, i < bytes.count, let d = hexValue(bytes[i]) { value = value * 16 + d; i += 1; count += 1 }
                if count == 0 { out += [0x5C, e] } else { out.append(UInt8(value)) }
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                if octalNeedsZero && e != UInt8(ascii: "0") { out += [0x5C, e]; break }
                var value = octalNeedsZero ? 0 : Int(e - 48)
                var count = 0
                while count < 3, i < bytes.count, bytes[i] >= 48, bytes[i] <= 55 { value = value * 8 + Int(bytes[i] - 48); i += 1; count += 1 }
                out.append(UInt8(truncatingIfNeeded: value))
            default:
                out += [0x5C, e]
            }
        }
        return (out, false)
    }

    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 48...57: return Int(b - 48)
        case 97...102: return Int(b - 87)
        case 65...70: return Int(b - 55)
        default: return nil
        }
    }
}
