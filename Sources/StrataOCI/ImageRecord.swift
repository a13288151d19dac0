import StrataSupport

/// One tagged image in the index: a name and the manifest it points at.
///
/// The config digest is kept beside the manifest digest because it is the image ID users
/// see and type (`docker images`), and resolving a prefix must not read every manifest.
public struct ImageRecord: Codable, Sendable, Equatable, Hashable {
    /// `busybox:latest`, `localhost:5000/x/y:t`: the familiar form of the reference.
    public var name: String
    public var manifest: Digest
    public var config: Digest

    public init(name: String, manifest: Digest, config: Digest) {
        self.name = name
        self.manifest = manifest
        self.config = config
    }

    /// The image ID as `docker images` shows it: the config digest's first 12 hex digits.
    public var shortID: String { config.short }

    /// The repository and tag, split for table columns.
    public var repositoryAndTag: (repository: String, tag: String) {
        if let at = name.firstIndex(of: "@") { return (String(name[..<at]), "<none>") }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            return (String(name[..<colon]), String(name[name.index(after: colon)...]))
        }
        return (name, "<none>")
    }
}
