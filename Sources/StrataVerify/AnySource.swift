import StrataArchive

/// Lets an existential source be used where a concrete `ByteSource` type is required
/// (`TarReader<Source>`).
struct AnySource: ByteSource {
    var base: any ByteSource
    mutating func read(upTo count: Int) throws -> [UInt8] { try base.read(upTo: count) }
}
