import Foundation
import Synchronization
import StrataExport
import StrataOCI
import StrataStore
import StrataSupport
import StrataVerify

/// Strata's public Swift API: one store, and the operations the CLI offers on it (build,
/// load, save, list, inspect, history, audit). The CLI is a thin layer over this type.
public final class Engine: @unchecked Sendable {
    public let store: ContentStore
    public let images: ImageIndexStore
    /// Base images' unpacked trees, in memory and in the store.
    let rootfs = RootfsCache()
    /// Layer audits without secrets, in memory and in the store.
    let layerAudits = LayerAuditRecords()
    /// The auditor of builds that declare no secret (its detectors take time to set up).
    let plainAuditor = ImageAuditor(secrets: [])
    /// Manifests and configs by digest: blobs never change, so each is read and decoded once.
    let decoded = DecodedImages()
    /// The parse, checks and conversion of recently built Dockerfiles.
    let frontend = FrontendMemo()
    /// Recently exported images, so a rebuild with the same result does not encode them again.
    let exports = ExportMemo()

    /// Opens (creating if needed) the store at `root`, and makes the built-in images available.
    public init(storeRoot: URL) throws {
        store = try ContentStore(root: storeRoot)
        images = ImageIndexStore(store: store)
        // The image index locks the store itself for each read and update.
        _ = try BuiltinImages.installBusybox(into: store)
    }

    /// The store `--store`, `STRATA_STORE` or the XDG data directory names.
    public static func storeLocation(option: String?, environment: [String: String]) -> URL {
        StoreLocation.resolve(option: option, environment: environment)
    }

    /// An image in the store by name, `name:tag` or ID prefix.
    public func image(_ reference: String) throws -> StoredImage {
        let record = try images.resolve(reference)
        if let known = decoded.image(record) { return known }
        let manifest = try store.manifest(record.manifest)
        let config = try store.config(record.config)
        let image = StoredImage(record: record, manifest: manifest, config: config)
        decoded.remember(image)
        return image
    }
}

/// An image as the store holds it.
public struct StoredImage: Sendable {
    public var record: ImageRecord
    public var manifest: ImageManifest
    public var config: ImageConfig

    /// The image ID docker shows: the config digest.
    public var id: Digest { record.config }
}

/// Decoded manifests and configs of images, by the digests of their record: content-addressed,
/// so what was verified and decoded once stays right for the life of the `Engine`.
final class DecodedImages: Sendable {
    private let images = Mutex<[ImageRecord: StoredImage]>([:])

    func image(_ record: ImageRecord) -> StoredImage? { images.withLock { $0[record] } }

    func remember(_ image: StoredImage) { images.withLock { $0[image.record] = image } }
}
