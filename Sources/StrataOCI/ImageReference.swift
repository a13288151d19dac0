import StrataSupport

/// An image name as users type it, normalised the way Docker does: `busybox` is
/// `docker.io/library/busybox:latest`, `localhost:5000/x/y:t` keeps its registry, and
/// `name@sha256:…` pins a manifest.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host (with port), `docker.io` when none was given.
    public var domain: String
    /// The repository path, `library/` prefixed for official Docker Hub images.
    public var path: String
    public var tag: String?
    public var digest: Digest?

    public static let defaultDomain = "docker.io"
    public static let defaultTag = "latest"

    public init(domain: String = ImageReference.defaultDomain, path: String, tag: String? = nil, digest: Digest? = nil) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// The name as `docker images` shows it: `busybox`, `x/y`, `localhost:5000/x/y`.
    public var familiarName: String {
        guard domain == Self.defaultDomain else { return domain + "/" + path }
        return path.hasPrefix("library/") && path.split(separator: "/").count == 2 ? String(path.dropFirst(8)) : path
    }

    /// The fully qualified name, `docker.io/library/busybox`.
    public var fullName: String { domain + "/" + path }

    /// `busybox:latest`, `x/y@sha256:…`: the key of the image index.
    public var description: String {
        var text = familiarName
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.description }
        return text
    }

    /// `docker.io/library/busybox:latest`, as containerd's `io.containerd.image.name` holds it.
    public var fullDescription: String {
        var text = fullName
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.description }
        return text
    }

    /// The same reference with the default tag when it has neither tag nor digest.
    public var withDefaultTag: ImageReference {
        var copy = self
        if tag == nil && digest == nil { copy.tag = Self.defaultTag }
        return copy
    }
}
