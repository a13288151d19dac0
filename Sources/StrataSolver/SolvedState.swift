import StrataFS
import StrataShell
import StrataSupport

/// The result of solving one vertex: a filesystem and the layers that build it from nothing.
///
/// Each exec or file step on the way adds one layer (the diff it made), as BuildKit's snapshot
/// chain does; an image source contributes its layers unchanged.
///
/// The filesystem may be made on demand (`init(layers:…materialise:)`): a cache hit or an image
/// source knows its layers at once, and its tree is only built when a step reads it.
public struct SolvedState: Sendable {
    /// The filesystem; made now if it was deferred, which can fail (a layer blob found corrupt).
    public var snapshot: Snapshot {
        get throws { try tree.value() }
    }
    let tree: LazySnapshot
    /// The layers, oldest first: held as a chain shared with the input's state, so that each
    /// step adds one node instead of copying its input's whole list (a 200-step build would
    /// copy 20,000 layer values).
    public var layers: [LayerBlob] {
        get { chain?.layers ?? [] }
        set { chain = LayerChain.of(newValue) }
    }
    private var chain: LayerChain?
    /// `layers.count`, without making the list.
    public var layerCount: Int { chain?.count ?? 0 }
    /// `layers.last`, without making the list.
    public var lastLayer: LayerBlob? { chain?.layer }
    /// Files in `snapshot` whose bytes derive from secrets, by absolute path.
    public var provenance: [String: Provenance]
    /// Whether the tree is build input from outside any image (the context, inline heredoc
    /// files): its mtimes are the epoch, not the times a real build would see.
    public var isBuildInput: Bool

    public init(snapshot: Snapshot, layers: [LayerBlob], provenance: [String: Provenance] = [:], isBuildInput: Bool = false) {
        self.tree = LazySnapshot(snapshot)
        self.chain = LayerChain.of(layers)
        self.provenance = provenance
        self.isBuildInput = isBuildInput
    }

    /// A state whose filesystem is made by `materialise` the first time it is read, then kept.
    public init(
        layers: [LayerBlob], provenance: [String: Provenance] = [:], isBuildInput: Bool = false,
        materialise: @escaping @Sendable () throws -> Snapshot
    ) {
        self.tree = LazySnapshot(materialise)
        self.chain = LayerChain.of(layers)
        self.provenance = provenance
        self.isBuildInput = isBuildInput
    }

    /// Whether the filesystem has been made (a fully cached chain never makes it).
    public var isMaterialised: Bool { tree.isMaterialised }

    /// A state one layer above `input`: its layers plus `layer`, sharing the input's chain.
    init(over input: SolvedState, adding layer: LayerBlob, provenance: [String: Provenance], tree: LazySnapshot) {
        self.tree = tree
        self.chain = LayerChain(layer: layer, parent: input.chain)
        self.provenance = provenance
        self.isBuildInput = false
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
