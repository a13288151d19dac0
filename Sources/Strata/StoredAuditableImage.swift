import StrataArchive
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

    func openLayer(_ index: Int) throws -> any ByteSource {
        try FileRangeSource(path: store.url(for: manifest.layers[index].digest).path)
    }
}
