import StrataSupport

/// An image's configuration: what runs, as whom, where, and the layers' history and diff ids
/// (OCI config.md, with Docker's extra fields).
///
/// Fields are optional and omitted when nil, like Go's `omitempty`; `null` in the input
/// (Docker writes `"OnBuild": null`) reads as nil. Fields Strata does not model are kept in
/// `extra` and written back, so decoding and re-encoding a Docker or BuildKit config loses
/// nothing. A config's digest is always taken over the bytes as stored, never a re-encoding.
public struct ImageConfig: Sendable, Equatable {
    public var created: String?
    public var author: String?
    public var architecture: String
    public var os: String
    public var osVersion: String?
    public var osFeatures: [String]?
    public var variant: String?
    public var config: ContainerConfig?
    public var rootfs: RootFS
    public var history: [History]?
    /// Top-level fields not modelled above (for example Docker's `container_config`).
    public var extra: [String: JSONValue]

    public init(
        architecture: String = "amd64", os: String = "linux", created: String? = nil, author: String? = nil,
        config: ContainerConfig? = nil, rootfs: RootFS = RootFS(diffIDs: []), history: [History]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.architecture = architecture
        self.os = os
        self.created = created
        self.author = author
        self.config = config
        self.rootfs = rootfs
        self.history = history
        self.extra = extra
    }

    /// Layers, bottom first, as the digests of their uncompressed tars.
    public var diffIDs: [Digest] { rootfs.diffIDs }
}
