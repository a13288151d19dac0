/// A `RUN --mount` as a finding names it: its type and its id or target, never content.
public struct MountReference: Codable, Sendable, Hashable {
    /// `secret`, `cache`, `bind`, `tmpfs` or `ssh`.
    public var type: String
    /// The secret, cache or ssh id; nil for bind and tmpfs.
    public var id: String?
    /// Where it was mounted, absolute.
    public var target: String
    /// For a bind mount, the path it bound (in the context, a stage or an image).
    public var source: String?

    public init(type: String, id: String? = nil, target: String, source: String? = nil) {
        self.type = type
        self.id = id
        self.target = target
        self.source = source
    }

    /// `type=secret,id=tok,target=/run/secrets/tok`, as the flag is written.
    public var flag: String {
        var parts = ["type=\(type)"]
        if let id { parts.append("id=\(id)") }
        if let source { parts.append("source=\(source)") }
        parts.append("target=\(target)")
        return parts.joined(separator: ",")
    }
}
