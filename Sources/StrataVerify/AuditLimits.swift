import StrataArchive

/// Bounds that keep a hostile image from exhausting memory or time during an audit.
public struct AuditLimits: Sendable, Hashable {
    /// The largest config blob accepted.
    public var configBytes = 16 << 20
    /// The deepest nesting of arrays and objects accepted in the config.
    public var configDepth = 64
    /// The most bytes a layer may decompress to.
    public var layerBytes = GzipSource.defaultLimit
    /// gzip and zip files (jars, wheels) inside a layer up to this size are decompressed
    /// and scanned.
    public var nestedArchiveBytes = 64 << 20
    /// ... up to this many decompressed bytes per archive.
    public var nestedArchiveOutput = 256 << 20
    /// The most findings kept; a secret of a few bytes can otherwise match everywhere.
    public var maxFindings = 10_000

    public init() {}
}
