import Testing
@testable import StrataArchive

@Suite struct GzipTests {
    static let samples: [[UInt8]] = [
        [],
        Array("hello, layer\n".utf8),
        (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) },
    ]

    @Test(arguments: samples)
    func compressThenDecompressGivesInputBack(input: [UInt8]) throws {
        let compressed = try Gzip.compress(input)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(try Gzip.decompress(compressed) == input)
    }

    @Test func compressionIsDeterministic() throws {
        #expect(try Gzip.compress(Self.samples[2]) == Gzip.compress(Self.samples[2]))
    }

    @Test func concatenatedMembersReadAsOneStream() throws {
        let joined = try Gzip.compress(Array("first ".utf8)) + Gzip.compress(Array("second".utf8))
        #expect(try Gzip.decompress(joined) == Array("first second".utf8))
    }

    @Test func truncatedStreamIsAnError() throws {
        let compressed = try Gzip.compress(Self.samples[2])
        let cut = Array(compressed.prefix(compressed.count / 2))
        #expect(throws: ArchiveError.self) { try Gzip.decompress(cut) }
    }

    @Test func corruptStreamIsAnError() throws {
        var compressed = try Gzip.compress(Self.samples[1])
        compressed[12] ^= 0xff
        compressed[13] ^= 0xff
        #expect(throws: ArchiveError.self) { try Gzip.decompress(compressed) }
    }

    @Test func decompressionPastLimitIsRefused() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(bomb.count < 5000)
        #expect(throws: ArchiveError.tooLarge(limit: 4096)) { try Gzip.decompress(bomb, limit: 4096) }
    }

    @Test func plainBytesPassThroughDecompressingIfNeeded() throws {
        var source = try decompressingIfNeeded(BufferSource(Array("not gzip".utf8)))
        #expect(try source.readAll() == Array("not gzip".utf8))
    }

    @Test func gzipBytesAreInflatedByDecompressingIfNeeded() throws {
        var source = try decompressingIfNeeded(BufferSource(try Gzip.compress(Array("zipped".utf8))))
        #expect(try source.readAll() == Array("zipped".utf8))
    }
}
