import Testing
@testable import StrataDockerfile

/// Which ARG/ENV names BuildKit's SecretsUsedInArgOrEnv flags. From BuildKit's source
/// (dockerfile2llb `getSecretsRegex`): deny
/// `(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`,
/// allow `(?i)(?:_|^)(?:public)(?:_|$)`. Only `_` separates tokens, and only `public` exempts:
/// `_FILE` and `_PATH` suffixes are not special (BuildKit flags `SECRET_FILE`).
@Suite struct SecretNameTests {
    @Test(arguments: [
        // Flagged: a secret token at the start, the end or between underscores.
        ("MY_SECRET", true), ("DB_PASSWORD", true), ("GITHUB_TOKEN", true), ("api_key", true), ("AUTH", true),
        ("secret_MESSAGE", true), ("AWS_SECRET_ACCESS_KEY", true), ("NPM_AUTH_TOKEN", true), ("PWORD", true),
        ("my_passwd", true), ("CREDENTIAL", true), ("GOOGLE_CREDENTIALS", true), ("APIKEY", true),
        ("SECRET_FILE", true), ("TOKEN_PATH", true), ("SSH_KEY_PATH", true), ("CREDENTIALS_FILE", true),
        ("DB__PASSWORD", true), ("_TOKEN", true), ("Key", true),
        // Exempt by the allow list.
        ("PUBLIC_KEY", false), ("PUBLIC_KEY_PATH", false), ("GPG_PUBLIC_KEY", false), ("public_token", false),
        // Not a whole token: no match at all.
        ("PUBLICKEY", false), ("MYPASSWORD", false), ("PASSWORDS", false), ("KEYCLOAK_URL", false),
        ("TOKENIZER", false), ("API-KEY", false), ("AUTHOR", false), ("MONKEY", false), ("SECRETS", false),
        ("PASS", false), ("MY_PASS", false), ("KEY-ID", false), ("PATH", false),
    ])
    func secretNamesFollowBuildKitsRegexes(_ name: String, _ flagged: Bool) {
        #expect(BuildChecker.isSecretKey(name) == flagged)
    }

    /// Go's `(?i)` folds KELVIN SIGN to k and LONG S to s, so these match the ASCII tokens.
    @Test func caseFoldingMatchesGo() {
        #expect(BuildChecker.isSecretKey("API_\u{212A}EY"))
        #expect(BuildChecker.isSecretKey("\u{017F}ECRET"))
        #expect(!BuildChecker.isSecretKey("API_KÉY"))
    }

    @Test func checkFlagsSecretsButNotFalseFriends() throws {
        let text = "FROM busybox\nARG MY_SECRET\nENV DB_PASSWORD=x\nARG PUBLIC_KEY_PATH\nENV CONFIG_PATH=/etc/app\n"
        let findings = try BuildChecker.check(text)
        #expect(findings.map(\.message) == [
            #"Do not use ARG or ENV instructions for sensitive data (ARG "MY_SECRET")"#,
            #"Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")"#,
        ])
        #expect(try BuildChecker.check("# check=skip=SecretsUsedInArgOrEnv\n" + text).isEmpty)
    }
}
