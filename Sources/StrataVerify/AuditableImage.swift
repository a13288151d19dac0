import StrataArchive

/// What the audit needs from an image, and nothing more, so that it can run on an image
/// loaded from any source (the lead bridges OCI layouts and docker archives to this).
public protocol AuditableImage {
    /// The image config blob, as stored.
    var configJSON: [UInt8] { get }
    var layerCount: Int { get }
    /// Layer `index` (0 = base), as stored: gzip or plain tar.
    func openLayer(_ index: Int) throws -> any ByteSource
    /// Whether `openLayer` may be called from two threads at once, each source then read on
    /// its own thread. The audit scans two layers at a time when it may.
    var allowsConcurrentReads: Bool { get }
    /// Called with the source `openLayer` gave once the audit has read what it needs of it
    /// (a tar reader stops at the end-of-archive blocks): an image whose sources check their
    /// bytes only at the end reads the rest here, and throws if they are not what it stored.
    func finishLayer(_ source: any ByteSource) throws
}

extension AuditableImage {
    public var allowsConcurrentReads: Bool { false }
    public func finishLayer(_ source: any ByteSource) throws {}
}
