/// A `RUN --mount=…` specification, decoded and validated like BuildKit's `runmount.go`.
///
/// A secret mount refers to its secret by `id` only: the secret's bytes never appear here.
public struct Mount: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bind, cache, tmpfs, secret, ssh
    }

    public enum Sharing: String, Sendable, Hashable, CaseIterable {
        case shared, `private`, locked
    }

    public var type: Kind
    /// Where it appears in the container; defaulted for secret (`/run/secrets/<id>`) and
    /// ssh mounts when a secret is not exposed as an environment variable instead.
    public var target: String?
    public var source: String?
    /// A stage or image to mount from.
    public var from: String?
    public var readOnly: Bool
    /// The secret or ssh id; for cache mounts, the cache id (defaults to the target).
    public var id: String?
    /// For secret and ssh mounts: fail the build when the secret is not provided.
    public var required: Bool
    /// File mode, parsed from octal (`0400`).
    public var mode: UInt32?
    public var uid: Int?
    public var gid: Int?
    /// For secret mounts: the environment variable that receives the secret.
    public var env: String?
    public var sharing: Sharing
    /// For tmpfs: the size limit in bytes.
    public var size: Int64?

    public init(type: Kind) {
        self.type = type
        readOnly = type == .bind
        required = false
        sharing = .shared
    }
}
