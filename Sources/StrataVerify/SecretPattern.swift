/// One byte string to search for, derived from a secret, tagged with how it was encoded.
///
/// A pattern's bytes are as sensitive as the secret itself: they are matched against, never
/// rendered. Only `secretID`, `encoding` and lengths reach findings.
public struct SecretPattern: Sendable, Hashable {
    /// The id of the secret this pattern was derived from.
    public var secretID: String
    /// How the secret was transformed: `raw`, `base64`, `base64url`, `hex`, `hex-upper`,
    /// `hex-spaced`, `xxd`, `url`, `json`, `shell-single-quote`, `shell-backslash`,
    /// `sha256`, `sha1`, `md5`.
    public var encoding: String
    /// The bytes to find. For base64 these are the alignment-independent middle characters.
    public var bytes: [UInt8]
    /// The length of the secret itself (what reports show, since the bytes are never shown).
    public var secretLength: Int
    /// True when the encoded text may be broken by line feeds (`base64` wraps at 76 columns,
    /// `xxd -p` at 60): such patterns are matched on a stream with `\n` and `\r` removed.
    public var toleratesLineBreaks: Bool

    /// Encodings that are computed from the secret rather than carrying it: a digest reveals
    /// something (it confirms a guess) but cannot be decoded back.
    public static let derivedEncodings: Set<String> = ["sha256", "sha1", "md5"]

    /// Whether this pattern is a value computed from the secret (an exposure) rather than
    /// the secret's bytes in some reversible encoding (a leak).
    public var isDerived: Bool { SecretPattern.derivedEncodings.contains(encoding) }

    /// The longest pattern searched for. A longer encoded secret (a PEM key, a certificate
    /// bundle) is searched for by its first bytes: 128 bytes of a secret's encoding are as
    /// telling as all of it, and every stream carries `maximumLength - 1` bytes from one chunk
    /// to the next.
    public static let maximumLength = 128

    public init(secretID: String, encoding: String, bytes: [UInt8], secretLength: Int, toleratesLineBreaks: Bool = false) {
        self.secretID = secretID
        self.encoding = encoding
        self.bytes = bytes
        self.secretLength = secretLength
        self.toleratesLineBreaks = toleratesLineBreaks
    }
}
