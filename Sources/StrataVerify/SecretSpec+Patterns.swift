import StrataSupport

extension SecretSpec {
    /// Every byte string under which this secret could appear in an image, each tagged with
    /// its encoding. Identical strings are kept once, under the first (most direct) encoding.
    ///
    /// Secrets shorter than `minimumEncodedLength` yield only the raw pattern: their encoded
    /// forms are a handful of characters that occur by chance in any binary. A value ending
    /// in a line break also yields the patterns of the value without it. Patterns are cut
    /// to `SecretPattern.maximumLength` bytes.
    public var patterns: [SecretPattern] {
        var out: [SecretPattern] = []
        var seen: Set<[UInt8]> = []
        for variant in variants {
            SecretSpec.derive(from: variant, id: id, reportedLength: value.count, into: &out, seen: &seen)
        }
        return out
    }

    /// The value, and without its trailing line break if it has one: secret files are often
    /// written with `echo`, while `$(cat /run/secrets/id)` strips the newline before use.
    var variants: [[UInt8]] {
        var trimmed = value[...]
        while let last = trimmed.last, last == 0x0a || last == 0x0d { trimmed = trimmed.dropLast() }
        return trimmed.count == value.count || trimmed.isEmpty ? [value] : [value, Array(trimmed)]
    }

    private static func derive(from value: [UInt8], id: String, reportedLength: Int, into out: inout [SecretPattern], seen: inout Set<[UInt8]>) {
        guard !value.isEmpty else { return }
        func add(_ encoding: String, _ whole: [UInt8], lineBreaks: Bool = false) {
            let bytes = Array(whole.prefix(SecretPattern.maximumLength))
            guard !bytes.isEmpty, seen.insert(bytes).inserted else { return }
            out.append(SecretPattern(secretID: id, encoding: encoding, bytes: bytes, secretLength: reportedLength, toleratesLineBreaks: lineBreaks))
        }
        add("raw", value)
        guard value.count >= SecretSpec.minimumEncodedLength else { return }
        for alignment in 0..<3 {
            add("base64", Encodings.base64Middle(value, alignment: alignment, alphabet: Encodings.base64Standard), lineBreaks: true)
        }
        for alignment in 0..<3 {
            add("base64url", Encodings.base64Middle(value, alignment: alignment, alphabet: Encodings.base64URL), lineBreaks: true)
        }
        add("hex", Encodings.hex(value), lineBreaks: true)
        add("hex-upper", Encodings.hex(value, uppercase: true), lineBreaks: true)
        add("hex-spaced", Encodings.hex(value, separator: " "))
        add("xxd", Encodings.xxdGrouped(value, alignment: 0))
        add("xxd", Encodings.xxdGrouped(value, alignment: 1))
        add("url", Encodings.percent(value))
        add("url", Encodings.percent(value, uppercase: false))
        add("json", Encodings.jsonString(value))
        add("json", Encodings.jsonString(value, escapeSlash: true))
        add("shell-single-quote", Encodings.shellSingleQuoted(value))
        add("shell-backslash", Encodings.shellBackslashed(value))
        add("sha256", Array(Hex.encode(SHA256.hash(value)).utf8))
        add("sha1", Encodings.hex(SHA1.hash(value)))
        add("md5", Encodings.hex(MD5.hash(value)))
    }
}
