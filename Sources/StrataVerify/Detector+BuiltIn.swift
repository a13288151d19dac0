/// The built-in detectors. Each states what it flags; each is tuned to stay quiet on the
/// binaries, libraries and configuration of an ordinary Debian root filesystem.
extension Detector {
    public static let builtIn: [Detector] = [
        awsAccessKeyID, githubToken, gitlabToken, npmAuthToken, pypiToken, privateKey, slackToken, stripeKey,
        genericAssignment,
    ]

    /// Detector ids and rules, including the path-based credential-file rule.
    public static var allRules: [(id: String, rule: String)] {
        builtIn.map { ($0.id, $0.rule) } + [(CredentialFileRule.id, CredentialFileRule.rule)]
    }

    /// A fixed prefix, a boundary before it, then `minimum...maximum` characters of `allowed`
    /// and a boundary after. `exactCase` anchors must be spelled as given.
    static func prefixed(
        _ anchors: [String], minimum: Int, maximum: Int = 255, allowed: @escaping @Sendable (UInt8) -> Bool
    ) -> @Sendable (DetectorWindow) -> Range<Int>? {
        { window in
            guard anchors.contains(where: { window.anchorIs($0) }) else { return nil }
            if let before = window.before, ByteClass.isAlnum(before) { return nil }
            let end = window.run(from: window.anchor.upperBound, limit: maximum + 1, allowed)
            let count = end - window.anchor.upperBound
            guard count >= minimum, count <= maximum else { return nil }
            if let after = window.byte(at: end), ByteClass.isAlnum(after) { return nil }
            return window.anchor.lowerBound..<end
        }
    }

    static let awsAccessKeyID = Detector(
        id: "aws-access-key-id",
        rule: "an AWS access key id: AKIA or ASIA followed by 16 upper-case letters or digits (AWS's documented EXAMPLE keys are ignored)",
        anchors: ["AKIA", "ASIA"]
    ) { window in
        guard let range = prefixed(["AKIA", "ASIA"], minimum: 16, maximum: 16, allowed: { ByteClass.isUpper($0) || ByteClass.isDigit($0) })(window) else {
            return nil
        }
        return window.hasPrefix("EXAMPLE", at: range.upperBound - 7) ? nil : range
    }

    static let githubToken = Detector(
        id: "github-token",
        rule: "a GitHub token: ghp_, gho_, ghu_, ghs_ or ghr_ followed by 36 letters or digits, or github_pat_ followed by at least 40",
        anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]
    ) { window in
        if window.anchorIs("github_pat_") {
            return prefixed(["github_pat_"], minimum: 40, allowed: ByteClass.isWord)(window)
        }
        return prefixed(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], minimum: 36, maximum: 36, allowed: ByteClass.isAlnum)(window)
    }

    static let gitlabToken = Detector(
        id: "gitlab-token",
        rule: "a GitLab personal access token: glpat- followed by at least 20 letters, digits, - or _",
        anchors: ["glpat-"],
        validate: prefixed(["glpat-"], minimum: 20, allowed: ByteClass.isTokenChar)
    )

    static let pypiToken = Detector(
        id: "pypi-token",
        rule: "a PyPI API token: pypi-AgEI followed by at least 50 letters, digits, - or _",
        anchors: ["pypi-AgEI"],
        validate: prefixed(["pypi-AgEI"], minimum: 50, allowed: ByteClass.isTokenChar)
    )

    static let stripeKey = Detector(
        id: "stripe-key",
        rule: "a live Stripe secret or restricted key: sk_live_ or rk_live_ followed by at least 20 letters or digits",
        anchors: ["sk_live_", "rk_live_"],
        validate: prefixed(["sk_live_", "rk_live_"], minimum: 20, allowed: ByteClass.isAlnum)
    )

    static let slackToken = Detector(
        id: "slack-token",
        rule: "a Slack token: xoxb-, xoxa-, xoxp-, xoxr- or xoxs- followed by dash-separated parts starting with at least 8 digits",
        anchors: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"]
    ) { window in
        let prefixes = ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"]
        guard let range = prefixed(prefixes, minimum: 20, allowed: ByteClass.isTokenChar)(window) else { return nil }
        let digits = window.run(from: window.anchor.upperBound, ByteClass.isDigit) - window.anchor.upperBound
        guard digits >= 8, window.byte(at: window.anchor.upperBound + digits) == UInt8(ascii: "-") else { return nil }
        return range
    }

    static let privateKey = Detector(
        id: "private-key",
        rule: "a PEM private key: a -----BEGIN ... PRIVATE KEY----- line followed by a base64 body (or an encrypted key's headers)",
        anchors: ["-----BEGIN "]
    ) { window in
        guard window.anchorIs("-----BEGIN ") else { return nil }
        let label = window.run(from: window.anchor.upperBound, limit: 40) { ByteClass.isUpper($0) || ByteClass.isDigit($0) || $0 == 32 }
        // The label run takes in `PRIVATE KEY` itself and stops at the closing dashes.
        guard window.hasPrefix("PRIVATE KEY-----", at: label - "PRIVATE KEY".count) else { return nil }
        var body = label + "-----".count
        if window.byte(at: body) == 0x0d { body += 1 }
        guard window.byte(at: body) == 0x0a else { return nil }
        body += 1
        if window.hasPrefix("Proc-Type:", at: body) { return window.anchor.lowerBound..<body }
        let base64End = window.run(from: body, limit: 64, ByteClass.isBase64)
        guard base64End - body >= 40 else { return nil }
        return window.anchor.lowerBound..<base64End
    }

    static let npmAuthToken = Detector(
        id: "npm-auth-token",
        rule: "an npm registry token: _authToken= followed by a literal value of at least 16 characters (not a ${VARIABLE} reference)",
        anchors: ["_authToken="]
    ) { window in
        var start = window.anchor.upperBound
        if let quote = window.byte(at: start), quote == 34 || quote == 39 { start += 1 }
        let end = window.run(from: start, limit: 513) { $0 > 32 && $0 < 127 && $0 != 34 && $0 != 39 }
        // npm tokens are 36 characters or more (`npm_…`, or a UUID); shorter values are
        // documentation placeholders such as `MYTOKEN1`.
        guard end - start >= 16, let first = window.byte(at: start), first != UInt8(ascii: "$"), first != UInt8(ascii: "{") else {
            return nil
        }
        return window.anchor.lowerBound..<end
    }
}
