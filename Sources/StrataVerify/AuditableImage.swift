import StrataArchive

/// What the audit needs from an image, and nothing more, so that it can run on an image
/// loaded from any source (the lead bridges OCI layouts and docker archives to this).
public protocol AuditableImage {
    /// The image config blob, as stored.
    var configJSON: [UInt8] { get }
    var layerCount: Int { get }
    /// Layer `index` (0 = base), as stored: gzip or plain tar.
    func openLayer(_ index: Int) throws -> any ByteSource
}

/// An image held in memory: a config and layer blobs. For tests and small images.
public struct InMemoryImage: AuditableImage, Sendable {
    public var configJSON: [UInt8]
    public var layers: [[UInt8]]

    public init(configJSON: [UInt8], layers: [[UInt8]]) {
        self.configJSON = configJSON
        self.layers = layers
    }

    public var layerCount: Int { layers.count }

    public func openLayer(_ index: Int) throws -> any ByteSource {
        guard layers.indices.contains(index) else { throw ArchiveError.cannotOpen("layer \(index)") }
        return BufferSource(layers[index])
    }
}

/// Lets an existential source be used where a concrete `ByteSource` type is required
/// (`TarReader<Source>`).
struct AnySource: ByteSource {
    var base: any ByteSource
    mutating func read(upTo count: Int) throws -> [UInt8] { try base.read(upTo: count) }
}
