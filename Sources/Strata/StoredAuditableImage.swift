import StrataArchive
import StrataFS
import StrataOCI
import StrataStore
import StrataVerify

/// An image in the content store, as the auditor reads it: layers are streamed from their
/// blobs, never loaded whole.
struct StoredAuditableImage: AuditableImage {
    let store: ContentStore
    let manifest: ImageManifest
    let configJSON: [UInt8]

    var layerCount: Int { manifest.layers.count }

    /// Verified against the layer's digest as it is read: the store does not fsync a build's
    /// layers, so a torn one must fail the audit rather than be audited short.
    func openLayer(_ index: Int) throws -> any ByteSource {
        try store.openBlob(manifest.layers[index].digest)
    }
}
