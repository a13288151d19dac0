import StrataSupport

extension SecretSpec {
    /// Every byte string under which this secret could appear in an image, each tagged with
    /// its encoding. Identical strings are kept once, under the first (most direct) encoding.
    ///
    /// Secrets shorter than `minimumEncodedLength` yield only the raw pattern: their encoded
    /// forms are a handful of characters that occur by chance in any binary.
    public var patterns: [SecretPattern] {
        guard !value.isEmpty else { return [] }
        var out: [SecretPattern] = []
        var seen: Set<[UInt8]> = []
        func add(_ encoding: String, _ bytes: [UInt8], lineBreaks: Bool = false) {
            guard !bytes.isEmpty, seen.insert(bytes).inserted else { return }
            out.append(SecretPattern(secretID: id, encoding: encoding, bytes: bytes, secretLength: value.count, toleratesLineBreaks: lineBreaks))
        }
        add("raw", value)
        guard value.count >= SecretSpec.minimumEncodedLength else { return out }
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
        return out
    }
}
