extension Detector {
    /// Words that announce a credential in `key=value`, `key: value` and `"key": "value"`.
    static let assignmentKeys = ["password", "passwd", "secret", "token", "api_key", "apikey", "api-key", "access_key"]

    /// The anchors of the specific detectors, lower-cased.
    static let specificAnchors = [
        "akia", "asia", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "pypi-agei", "sk_live_", "rk_live_",
        "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "npm_",
    ]

    /// Values that are obviously not real credentials.
    static let placeholderWords = [
        "example", "changeme", "change_me", "placeholder", "dummy", "sample", "your", "xxxx", "redacted", "password",
        "secret", "token", "test", "fake", "null", "none", "undefined", "default",
    ]

    /// `password=…`, `token: …`, `"api_key": "…"` with a literal value that looks random:
    /// at least 8 characters drawn from at least three of lower case, upper case, digits and
    /// symbols, with letters and digits, at least 6 distinct, and not a template (`$VAR`, `${…}`, `%s`, `<…>`, `{{…}}`)
    /// or a placeholder word.
    static let genericAssignment = Detector(
        id: "generic-secret-assignment",
        rule: "a literal, random-looking value assigned to a key named password, passwd, secret, token, api_key, apikey, api-key or access_key",
        anchors: assignmentKeys
    ) { window in
        // The key must not be the tail of a longer word (`csrftoken`), though `db_password` is fine.
        if let before = window.before, ByteClass.isAlnum(before) { return nil }
        var i = window.anchor.upperBound
        // Key suffixes such as `password_hash` or `tokens` are other things.
        if let next = window.byte(at: i), ByteClass.isWord(next) || next == UInt8(ascii: "-") { return nil }
        let keyQuoted = window.byte(at: i) == 34 || window.byte(at: i) == 39
        if keyQuoted { i += 1 }
        i = window.run(from: i, limit: 4) { $0 == 32 || $0 == 9 }
        guard let separator = window.byte(at: i), separator == UInt8(ascii: "=") || separator == UInt8(ascii: ":") else { return nil }
        i += 1
        let afterSeparator = i
        i = window.run(from: i, limit: 4) { $0 == 32 || $0 == 9 }
        let spaced = i > afterSeparator
        let valueQuoted = window.byte(at: i) == 34 || window.byte(at: i) == 39
        if valueQuoted { i += 1 }
        // `key: value` is YAML (a space after the colon) or JSON (quotes); `Token:Topic:` in a
        // binary's string table and `token::name` in C++ are neither.
        if separator == UInt8(ascii: ":") && !(keyQuoted || valueQuoted || spaced) { return nil }
        let stops = Array(" \t\r\n\"'`,;&<>(){}[]\\|".utf8)
        let end = window.run(from: i, limit: 129) { $0 > 32 && $0 < 127 && !stops.contains($0) }
        let value = Array(window.bytes[i..<end])
        // `password = derive(v)` is code calling a function.
        if window.byte(at: end) == UInt8(ascii: "(") { return nil }
        guard value.count >= 8, value.count <= 128 else { return nil }
        guard let first = value.first, !Array("$%{<*@#!/.~-".utf8).contains(first) else { return nil }
        // The character classes first: they reject most values, and cost less than the text
        // searches below.
        var classes = 0
        if value.contains(where: ByteClass.isLower) { classes += 1 }
        if value.contains(where: ByteClass.isUpper) { classes += 1 }
        if value.contains(where: ByteClass.isDigit) { classes += 1 }
        if value.contains(where: { !ByteClass.isAlnum($0) }) { classes += 1 }
        // Generated secrets mix letters and digits; identifier lists (`PidsLimit:Placement:`) do not.
        guard classes >= 3, value.contains(where: ByteClass.isDigit), value.contains(where: ByteClass.isAlpha), Set(value).count >= 6 else {
            return nil
        }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        // A value a specific detector recognises is left to it.
        if specificAnchors.contains(where: { text.contains($0) }) { return nil }
        if text.contains("${") || text.contains("{{") || text.contains("::") || placeholderWords.contains(where: { text.contains($0) }) { return nil }
        if !valueQuoted && isDottedIdentifier(value) { return nil }
        return window.anchor.lowerBound..<end
    }

    /// `exports.HEX`, `self.config.token`: code referring to a value, not a value.
    static func isDottedIdentifier(_ value: [UInt8]) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, ByteClass.isAlpha(first) || first == UInt8(ascii: "_") else { return false }
            return part.allSatisfy(ByteClass.isWord)
        }
    }
}
