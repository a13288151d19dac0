import StrataSupport

/// An image `ImageLoader` put into the store, and the names it was tagged with.
public struct LoadedImage: Sendable, Equatable {
    public var manifest: Digest
    public var config: Digest
    /// Familiar names (`busybox:latest`); empty when the archive named none.
    public var names: [String]

    public init(manifest: Digest, config: Digest, names: [String]) {
        self.manifest = manifest
        self.config = config
        self.names = names
    }
}
