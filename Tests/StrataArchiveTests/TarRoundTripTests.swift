import Testing
@testable import StrataArchive

@Suite struct TarRoundTripTests {
    static let longName = String(repeating: "d", count: 90) + "/" + String(repeating: "e", count: 90) + "/file.txt"
    static let veryLongName = String(repeating: "x", count: 120) + "/" + String(repeating: "y", count: 150)

    static let cases: [(TarHeader, [UInt8])] = [
        (TarHeader(path: "hello.txt", kind: .file, mode: 0o644, modificationTime: 1_700_000_000), Array("hi\n".utf8)),
        (TarHeader(path: "empty", kind: .file, mode: 0o600), []),
        (TarHeader(path: "dir/", kind: .directory, mode: 0o755, uid: 1000, gid: 1000), []),
        (TarHeader(path: "sticky/", kind: .directory, mode: 0o1777), []),
        (TarHeader(path: "bin/su", kind: .file, mode: 0o4755), [1, 2, 3]),
        (TarHeader(path: "link", kind: .symlink, mode: 0o777, linkTarget: "../target/file"), []),
        (TarHeader(path: "hard", kind: .hardlink, mode: 0o644, linkTarget: "hello.txt"), []),
        (TarHeader(path: longName, kind: .file, mode: 0o644), Array(repeating: 7, count: 513)),
        (TarHeader(path: veryLongName, kind: .file, mode: 0o644), Array("long".utf8)),
        (TarHeader(path: "biguid", kind: .file, mode: 0o644, uid: 100_000_000, gid: 3_000_000), [9]),
        (TarHeader(path: "xattr", kind: .file, mode: 0o644, xattrs: ["user.note": Array("v".utf8), "security.capability": [1, 0, 0, 2]]), []),
        (TarHeader(path: "longlink", kind: .symlink, mode: 0o777, linkTarget: String(repeating: "t/", count: 80)), []),
        (TarHeader(path: "ünïcode", kind: .file, mode: 0o644), Array("u".utf8)),
    ]

    @Test(arguments: 0..<cases.count)
    func entrySurvivesWriteAndRead(index: Int) throws {
        let (header, contents) = Self.cases[index]
        var writer = TarWriter()
        writer.append(header, contents: contents)
        let entries = try ArchiveFixtures.entries(writer.finish())
        #expect(entries.count == 1)
        let (read, data) = try #require(entries.first)
        #expect(read.path == header.path)
        #expect(read.kind == header.kind)
        #expect(read.mode == header.mode)
        #expect(read.uid == header.uid)
        #expect(read.gid == header.gid)
        #expect(read.modificationTime == header.modificationTime)
        #expect(read.linkTarget == header.linkTarget)
        #expect(read.xattrs == header.xattrs)
        #expect(data == contents)
    }

    @Test func longPathUsesUstarPrefixWithoutPax() throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: Self.longName, kind: .file), contents: [])
        let bytes = writer.finish()
        #expect(bytes.count == 512 + 1024)
        #expect(bytes[156] == UInt8(ascii: "0"))
        #expect(TarReader<BufferSource>.string(bytes[345..<500]) == String(repeating: "d", count: 90))
        #expect(TarReader<BufferSource>.string(bytes[0..<100]) == String(repeating: "e", count: 90) + "/file.txt")
    }

    @Test func unsplittablePathUsesPaxRecord() throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: Self.veryLongName, kind: .file), contents: [])
        let bytes = writer.finish()
        #expect(bytes[156] == UInt8(ascii: "x"))
        // The PAX record fits one block; the real header follows it.
        #expect(bytes[1024 + 156] == UInt8(ascii: "0"))
    }

    @Test func sameEntriesGiveSameBytes() {
        func make() -> [UInt8] {
            var writer = TarWriter()
            for (header, contents) in Self.cases { writer.append(header, contents: contents) }
            return writer.finish()
        }
        #expect(make() == make())
    }

    @Test func manyEntriesReadInOrderWithContentsSkippedWhenUnread() throws {
        var writer = TarWriter()
        for (header, contents) in Self.cases { writer.append(header, contents: contents) }
        var reader = TarReader(BufferSource(writer.finish()))
        var paths: [String] = []
        while let header = try reader.next() { paths.append(header.path) }
        #expect(paths == Self.cases.map(\.0.path))
    }

    @Test func streamingReadDeliversAllChunks() throws {
        let contents = (0..<5000).map { UInt8(truncatingIfNeeded: $0) }
        var writer = TarWriter()
        writer.append(TarHeader(path: "big", kind: .file), contents: contents)
        writer.append(TarHeader(path: "after", kind: .file), contents: [1])
        var reader = TarReader(BufferSource(writer.finish()))
        _ = try reader.next()
        var collected: [UInt8] = []
        var chunks = 0
        try reader.readContents(chunk: 1000) { collected += $0; chunks += 1 }
        #expect(collected == contents)
        #expect(chunks == 5)
        #expect(try reader.next()?.path == "after")
        #expect(try reader.readContents() == [1])
    }

    @Test func readContentsRefusesPastLimit() throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: "big", kind: .file), contents: Array(repeating: 1, count: 100))
        var reader = TarReader(BufferSource(writer.finish()))
        _ = try reader.next()
        #expect(throws: ArchiveError.tooLarge(limit: 10)) { try reader.readContents(limit: 10) }
    }
}

/// A source that hands out at most `step` bytes per read, as decompressors may.
struct TrickleSource: ByteSource {
    var base: BufferSource
    var step: Int
    mutating func read(upTo count: Int) throws -> [UInt8] { try base.read(upTo: min(count, step)) }
}

@Suite struct ShortReadTests {
    @Test(arguments: [1, 7, 300, 511])
    func readerToleratesShortReads(step: Int) throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: "a", kind: .file), contents: Array(repeating: 3, count: 700))
        writer.append(TarHeader(path: "b/", kind: .directory))
        var reader = TarReader(TrickleSource(base: BufferSource(writer.finish()), step: step))
        #expect(try reader.next()?.path == "a")
        #expect(try reader.readContents() == Array(repeating: 3, count: 700))
        #expect(try reader.next()?.path == "b/")
        #expect(try reader.next() == nil)
    }

    @Test func emptyArchiveThroughDecompressingIfNeededHasNoEntries() throws {
        var writer = TarWriter()
        var plain = TarReader(AnyByteSource(try decompressingIfNeeded(BufferSource(writer.finish()))))
        #expect(try plain.next() == nil)
        var empty = TarWriter()
        var zipped = TarReader(AnyByteSource(try decompressingIfNeeded(BufferSource(try Gzip.compress(empty.finish())))))
        #expect(try zipped.next() == nil)
    }
}
