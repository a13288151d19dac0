import StrataArchive

/// An image held in memory: a config and layer blobs. For tests and small images.
public struct InMemoryImage: AuditableImage, Sendable {
    public var configJSON: [UInt8]
    public var layers: [[UInt8]]

    public init(configJSON: [UInt8], layers: [[UInt8]]) {
        self.configJSON = configJSON
        self.layers = layers
    }

    public var layerCount: Int { layers.count }
    /// Each layer is an independent read-only source.
    public var allowsConcurrentReads: Bool { true }

    public func openLayer(_ index: Int) throws -> any ByteSource {
        guard layers.indices.contains(index) else { throw ArchiveError.cannotOpen("layer \(index)") }
        return BufferSource(layers[index])
    }
}
