import Foundation
import Testing
@testable import StrataArchive

/// bzip2 and xz as the real `bzip2` and `xz` tools write them: Strata must read back exactly
/// what went in, recognise the formats by their magic bytes, and refuse corrupt or cut streams.
@Suite struct CompressedStreamTests {
    enum Format: String, CaseIterable, Sendable {
        case bzip2, xz

        var tool: String { "/usr/bin/\(rawValue)" }

        /// The tool's own compression of `input` (`-c`, stdin to stdout).
        func compress(_ input: [UInt8], level: String = "-6") throws -> [UInt8] {
            let directory = try ArchiveFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("input")
            try Data(input).write(to: file)
            return [UInt8](try ArchiveFixtures.run(tool, ["-c", level, file.path]))
        }

        func decompress(_ input: [UInt8], limit: Int = GzipSource.defaultLimit) throws -> [UInt8] {
            switch self {
            case .bzip2: var source = try Bzip2Source(BufferSource(input), limit: limit); return try source.readAll()
            case .xz: var source = try XzSource(BufferSource(input), limit: limit); return try source.readAll()
            }
        }
    }

    static let samples: [[UInt8]] = [
        [],
        Array("hello, archive\n".utf8),
        // Several bzip2 blocks at -1 (100 kB each) and several xz buffers.
        (0..<350_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) },
    ]

    static var formatsAndSamples: [(Format, Int)] {
        Format.allCases.flatMap { format in samples.indices.map { (format, $0) } }
    }

    @Test(arguments: formatsAndSamples)
    func toolOutputDecompressesToTheInput(format: Format, sample: Int) throws {
        let input = Self.samples[sample]
        #expect(try format.decompress(format.compress(input, level: "-1")) == input)
    }

    @Test(arguments: Format.allCases)
    func concatenatedStreamsReadAsOne(format: Format) throws {
        let joined = try format.compress(Array("first ".utf8)) + format.compress(Array("second".utf8))
        #expect(try format.decompress(joined) == Array("first second".utf8))
    }

    @Test(arguments: Format.allCases)
    func truncatedStreamIsAnError(format: Format) throws {
        let compressed = try format.compress(Self.samples[2])
        #expect(throws: ArchiveError.self) { try format.decompress(Array(compressed.prefix(compressed.count / 2))) }
    }

    @Test(arguments: Format.allCases)
    func corruptStreamIsAnError(format: Format) throws {
        var compressed = try format.compress(Self.samples[2])
        for offset in stride(from: 40, to: 60, by: 1) { compressed[offset] ^= 0x5a }
        #expect(throws: ArchiveError.self) { try format.decompress(compressed) }
    }

    @Test(arguments: Format.allCases)
    func decompressionPastLimitIsRefused(format: Format) throws {
        let bomb = try format.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(bomb.count < 5000)
        #expect(throws: ArchiveError.tooLarge(limit: 4096)) { try format.decompress(bomb, limit: 4096) }
    }

    @Test func bzip2IgnoresTrailingGarbageLikeTheTool() throws {
        let compressed = try Format.bzip2.compress(Array("kept".utf8)) + Array("garbage".utf8)
        #expect(try Format.bzip2.decompress(compressed) == Array("kept".utf8))
    }

    @Test(arguments: ["gzip", "bzip2", "xz", "plain"])
    func decompressingArchiveRecognisesEachFormatByMagic(name: String) throws {
        let text = Array("packed".utf8)
        let bytes: [UInt8] = switch name {
        case "gzip": try Gzip.compress(text)
        case "bzip2": try Format.bzip2.compress(text)
        case "xz": try Format.xz.compress(text)
        default: text
        }
        var source = try decompressingArchive(BufferSource(bytes))
        #expect(try source.readAll() == text)
    }

    @Test func decompressingIfNeededStillLeavesBzip2Alone() throws {
        // Image layers are gzip or plain; only ADD's archive detection knows bzip2 and xz.
        let compressed = try Format.bzip2.compress(Array("layer".utf8))
        var source = try decompressingIfNeeded(BufferSource(compressed))
        #expect(try source.readAll() == compressed)
    }
}
