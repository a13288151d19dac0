/// Media types of the OCI image spec and of Docker's image manifest v2 schema 2.
///
/// Kept as named constants so a typo is a compile error, not an image a registry rejects.
public enum MediaType {
    public static let ociLayout = "application/vnd.oci.layout.header.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let ociLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd"

    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"

    /// Whether a layer of this type is gzip-compressed.
    public static func isGzipLayer(_ mediaType: String) -> Bool {
        mediaType == ociLayerGzip || mediaType == dockerLayerGzip
            || mediaType == "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
    }

    /// Whether the type names an image manifest (not an index).
    public static func isManifest(_ mediaType: String) -> Bool {
        mediaType == ociManifest || mediaType == dockerManifest
    }

    /// Whether the type names an index or a manifest list.
    public static func isIndex(_ mediaType: String) -> Bool {
        mediaType == ociIndex || mediaType == dockerManifestList
    }
}

/// Annotation keys Strata reads and writes.
public enum AnnotationKey {
    /// The tag (or full reference) of a manifest in an OCI layout's index.json.
    public static let refName = "org.opencontainers.image.ref.name"
    /// The full image name containerd and Docker 25+ record in index.json.
    public static let containerdImageName = "io.containerd.image.name"
    public static let created = "org.opencontainers.image.created"
}
