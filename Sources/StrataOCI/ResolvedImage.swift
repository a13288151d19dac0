/// An image found by name or ID, with its manifest and config read (and verified) from the store.
public struct ResolvedImage: Sendable, Equatable {
    public var record: ImageRecord
    public var manifest: ImageManifest
    public var config: ImageConfig

    public init(record: ImageRecord, manifest: ImageManifest, config: ImageConfig) {
        self.record = record
        self.manifest = manifest
        self.config = config
    }
}

extension ImageIndexStore {
    /// Resolves `text` as `resolve` does and reads the image's manifest and config.
    public func image(_ text: String) throws -> ResolvedImage {
        let record = try resolve(text)
        return ResolvedImage(record: record, manifest: try store.manifest(record.manifest), config: try store.config(record.config))
    }
}
