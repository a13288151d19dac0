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
