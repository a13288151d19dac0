import StrataArchive

/// Lets an existential source be used where a concrete `ByteSource` type is required
/// (`TarReader<Source>`).
public struct AnySource: ByteSource {
    public var base: any ByteSource
    public init(base: any ByteSource) { self.base = base }
    public mutating func read(upTo count: Int) throws -> [UInt8] { try base.read(upTo: count) }
}
