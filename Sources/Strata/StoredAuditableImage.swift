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
    /// Each layer is an independent read-only source.
    var allowsConcurrentReads: Bool { true }

    /// The blob, checked against its digest as it is read: the store does not fsync a build's
    /// layers, and a torn one (zeros read as an empty tar) must fail the audit rather than pass
    /// it. `finishLayer` reads what the tar reader left, so the check always runs.
    func openLayer(_ index: Int) throws -> any ByteSource {
        try store.openBlob(manifest.layers[index].digest)
    }

    func finishLayer(_ source: any ByteSource) throws {
        try (source as? BlobReader)?.finish()
    }
}
