/// Files that hold credentials by their name and shape: `.npmrc` with a token, `.pypirc`,
/// `.netrc`, `.git-credentials`, a docker `config.json` with `auths`, `.aws/credentials`,
/// SSH private keys.
///
/// The content check keeps template files quiet: an `.npmrc` that only sets a registry, or
/// a docker config without stored auths, is not a finding.
enum CredentialFileRule {
    static let id = "credential-file"
    static let rule =
        "a credential file: .npmrc with a token, .pypirc or .netrc with a password, .git-credentials, .docker/config.json with auths, .aws/credentials with a secret key, or an SSH private key (id_rsa, id_ecdsa, id_ed25519, id_dsa)"

    /// The largest file whose content is checked.
    static let contentLimit = 1 << 20

    /// The kind of credential file at `path` (no leading slash), or nil.
    static func kind(of path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch name {
        case ".npmrc", "npmrc": return "npmrc"
        case ".pypirc": return "pypirc"
        case ".netrc": return "netrc"
        case ".git-credentials": return "git-credentials"
        case "id_rsa", "id_ecdsa", "id_ed25519", "id_dsa": return "ssh-key"
        case "config.json" where path.hasSuffix(".docker/config.json"): return "docker-config"
        case "credentials" where path.hasSuffix(".aws/credentials"): return "aws-credentials"
        default: return nil
        }
    }

    /// Whether `content` of a file of `kind` really holds a credential.
    static func holdsCredential(kind: String, content: [UInt8]) -> Bool {
        let text = String(decoding: content, as: UTF8.self)
        let lower = text.lowercased()
        switch kind {
        case "npmrc": return lower.contains("_authtoken=") || lower.contains("_auth=") || lower.contains("_password=")
        case "pypirc", "netrc": return lower.contains("password")
        case "git-credentials": return text.contains("://") && text.contains("@")
        case "docker-config": return text.contains("\"auths\"") && text.contains("\"auth\"")
        case "aws-credentials": return lower.contains("aws_secret_access_key")
        case "ssh-key": return text.contains("PRIVATE KEY-----")
        default: return false
        }
    }
}
