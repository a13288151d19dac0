extension BuildChecker {
    /// Name parts that mark a secret, matched as whole `_`-separated tokens
    /// (BuildKit: `(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`).
    static let secretTokens: Set<String> = [
        "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token",
    ]
    /// Tokens that make a name harmless even if it also has a secret token (`PUBLIC_KEY`).
    static let allowedTokens: Set<String> = ["public"]

    /// Whether BuildKit's SecretsUsedInArgOrEnv would flag a variable named `key`.
    public static func isSecretKey(_ key: String) -> Bool {
        let tokens = key.lowercased().split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        if tokens.contains(where: allowedTokens.contains) { return false }
        return tokens.contains(where: secretTokens.contains)
    }

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
