/// The byte-level encodings a secret may take on its way into an image.
///
/// Each function is the encoder a shell, a language runtime or a tool would apply, written
/// out so that the patterns Strata searches for match what those tools produce.
enum Encodings {
    static let base64Standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// base64 with padding, as `base64` (before line wrapping) prints it.
    static func base64(_ bytes: [UInt8], alphabet: [UInt8] = base64Standard, padding: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            let available = min(3, bytes.count - i) + 1
            for k in 0..<4 {
                if k < available {
                    out.append(alphabet[Int((group >> UInt32(18 - 6 * k)) & 0x3f)])
                } else if padding {
                    out.append(UInt8(ascii: "="))
                }
            }
            i += 3
        }
        return out
    }

    /// The base64 characters that depend only on `secret` when it starts `alignment` bytes
    /// (0, 1 or 2) into a 3-byte group of a larger encoded text.
    ///
    /// Character `i` of the encoding covers bits `6i..<6i+6`; the secret covers bits
    /// `8a..<8(a+n)`. Characters straddling the edge also depend on unknown neighbours and
    /// are dropped, so the result is a substring of every base64 text containing the secret
    /// at that alignment.
    static func base64Middle(_ secret: [UInt8], alignment: Int, alphabet: [UInt8]) -> [UInt8] {
        let prefixed = [UInt8](repeating: 0, count: alignment) + secret
        let encoded = base64(prefixed, alphabet: alphabet, padding: false)
        let firstBit = 8 * alignment
        let endBit = 8 * (alignment + secret.count)
        var out: [UInt8] = []
        for (i, char) in encoded.enumerated() where 6 * i >= firstBit && 6 * i + 6 <= endBit {
            out.append(char)
        }
        return out
    }

    static func hex(_ bytes: [UInt8], uppercase: Bool = false, separator: String = "", groupSize: Int = 1) -> [UInt8] {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        let sep = Array(separator.utf8)
        var out: [UInt8] = []
        for (i, byte) in bytes.enumerated() {
            if i > 0 && i % groupSize == 0 { out.append(contentsOf: sep) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return out
    }

    /// `xxd`'s grouping (two bytes per group, groups separated by a space) for a secret that
    /// starts at an even (`alignment` 0) or odd (1) offset in the dump.
    static func xxdGrouped(_ secret: [UInt8], alignment: Int) -> [UInt8] {
        let grouped = hex([UInt8](repeating: 0, count: alignment) + secret, separator: " ", groupSize: 2)
        return Array(grouped.dropFirst(2 * alignment))
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// RFC 3986 percent encoding of everything but the unreserved characters.
    static func percent(_ bytes: [UInt8], uppercase: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(contentsOf: hex([byte], uppercase: uppercase))
            }
        }
        return out
    }

    /// The inside of a JSON string literal, as encoders write it. `escapeSlash` follows
    /// encoders (Foundation's among them) that write `/` as `\/`.
    static func jsonString(_ bytes: [UInt8], escapeSlash: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case UInt8(ascii: "/") where escapeSlash: out += Array("\\/".utf8)
            case 0x0a: out += Array("\\n".utf8)
            case 0x0d: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0c: out += Array("\\f".utf8)
            case 0..<0x20: out += Array("\\u00".utf8) + hex([byte])
            default: out.append(byte)
            }
        }
        return out
    }

    /// The inside of a single-quoted shell word: each `'` becomes `'\''`.
    static func shellSingleQuoted(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            if byte == UInt8(ascii: "'") { out += Array("'\\''".utf8) } else { out.append(byte) }
        }
        return out
    }

    /// Backslash-escaped shell word, as `printf %q` writes it for printable text.
    static func shellBackslashed(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            let safe = isUnreserved(byte) || Array("/:@%+=,".utf8).contains(byte) || byte >= 0x80
            if !safe { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return out
    }
}
