extension BuildChecker {
    /// Name parts that mark a secret, matched as whole `_`-separated tokens.
    ///
    /// What is certain (BuildKit dockerfile2llb `getSecretsRegex`, read from the source): the
    /// deny pattern is `(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`
    /// and the allow pattern `(?i)(?:_|^)(?:public)(?:_|$)`; a key is flagged when the first
    /// matches and the second does not. Only `_` separates tokens, so `API-KEY`, `MYPASSWORD`
    /// and `KEYCLOAK_URL` pass, while `SECRET_PATH`, `CREDENTIALS_FILE` and `SSH_KEY_PATH` are
    /// flagged: BuildKit has no `_FILE`/`_PATH` exemption, only `public`.
    static let secretTokens: Set<String> = [
        "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token",
    ]
    /// Tokens that make a name harmless even if it also has a secret token (`PUBLIC_KEY`).
    static let allowedTokens: Set<String> = ["public"]

    /// Whether BuildKit's SecretsUsedInArgOrEnv would flag a variable named `key`.
    public static func isSecretKey(_ key: String) -> Bool {
        let tokens = goCaseFolded(key).split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        if tokens.contains(where: allowedTokens.contains) { return false }
        return tokens.contains(where: secretTokens.contains)
    }

    /// Folds case the way Go's `(?i)` does for these all-ASCII patterns: ASCII letters, plus
    /// the two non-ASCII letters whose simple case folding reaches ASCII (KELVIN SIGN → k,
    /// LATIN SMALL LETTER LONG S → s). Nothing else can match an ASCII pattern letter.
    static func goCaseFolded(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: folded.append(Unicode.Scalar(scalar.value + 0x20) ?? scalar)
            case 0x212A: folded.append("k")
            case 0x017F: folded.append("s")
            default: folded.append(scalar)
            }
        }
        return String(folded)
    }

    /// SecretsUsedInArgOrEnv on a stage's ARG or ENV. BuildKit checks in `dispatchArg` and
    /// `dispatchEnv` only, so ARGs before the first FROM are not checked (they reach a stage,
    /// and are flagged there, only when the stage redeclares them).
    func secretFindings(_ instruction: Instruction) -> [Finding] {
        let keys: [String]
        switch instruction.kind {
        case .arg(let declarations): keys = declarations.map(\.name)
        case .env(let pairs): keys = pairs.map(\.key)
        default: return []
        }
        return keys.filter(Self.isSecretKey).map {
            finding(.secretsUsedInArgOrEnv,
                    "Do not use ARG or ENV instructions for sensitive data (\(instruction.name) \(GoQuote.quote($0)))", at: instruction)
        }
    }
}
