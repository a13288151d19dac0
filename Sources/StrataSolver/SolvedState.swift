import StrataFS
import StrataShell
import StrataSupport

/// The result of solving one vertex: a filesystem and the layers that build it from nothing.
///
/// Each exec or file step on the way adds one layer (the diff it made), as BuildKit's snapshot
/// chain does; an image source contributes its layers unchanged.
public struct SolvedState: Sendable {
    public var snapshot: Snapshot
    public var layers: [LayerBlob]
    /// Files in `snapshot` whose bytes derive from secrets, by absolute path.
    public var provenance: [String: Provenance]
    /// Whether the tree is build input from outside any image (the context, inline heredoc
    /// files): its mtimes are the epoch, not the times a real build would see.
    public var isBuildInput: Bool

    public init(snapshot: Snapshot, layers: [LayerBlob], provenance: [String: Provenance] = [:], isBuildInput: Bool = false) {
        self.snapshot = snapshot
        self.layers = layers
        self.provenance = provenance
        self.isBuildInput = isBuildInput
    }
}

/// One layer blob in the content store.
public struct LayerBlob: Sendable, Hashable, Codable {
    /// The blob as stored (compressed or not).
    public var digest: Digest
    /// The digest of the uncompressed tar (`rootfs.diff_ids`).
    public var diffID: Digest
    public var size: Int
    public var mediaType: String
    /// Which step made it, for reports: the vertex name (nil for base-image layers).
    public var createdBy: String?

    public init(digest: Digest, diffID: Digest, size: Int, mediaType: String, createdBy: String? = nil) {
        self.digest = digest
        self.diffID = diffID
        self.size = size
        self.mediaType = mediaType
        self.createdBy = createdBy
    }

    public static let uncompressedMediaType = "application/vnd.oci.image.layer.v1.tar"
}
