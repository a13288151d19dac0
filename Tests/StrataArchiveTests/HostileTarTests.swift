import StrataSupport
import Testing
@testable import StrataArchive

/// Malformed archives end in an `ArchiveError`, never a crash or a huge allocation.
@Suite struct HostileTarTests {
    static func readAll(_ bytes: [UInt8]) throws {
        var reader = TarReader(BufferSource(bytes))
        while try reader.next() != nil { _ = try reader.readContents() }
    }

    @Test func badChecksumIsReported() throws {
        var block = ArchiveFixtures.rawHeader(name: "a")
        block[0] = UInt8(ascii: "b")
        #expect(throws: ArchiveError.badChecksum(offset: 0)) { try Self.readAll(block + [UInt8](repeating: 0, count: 1024)) }
    }

    @Test func contentsShorterThanSizeIsTruncated() throws {
        let block = ArchiveFixtures.rawHeader(name: "a", size: "00000001000")
        #expect(throws: ArchiveError.truncated) { try Self.readAll(block + [1, 2, 3]) }
    }

    @Test func absurdOctalSizeIsTruncatedNotAllocated() throws {
        let block = ArchiveFixtures.rawHeader(name: "a", size: "77777777777")
        #expect(throws: ArchiveError.truncated) { try Self.readAll(block) }
    }

    @Test func absurdBase256SizeIsRefused() throws {
        var block = ArchiveFixtures.rawHeader(name: "a")
        block[124] = 0x80
        for i in 125..<136 { block[i] = 0x7f }
        ArchiveFixtures.fixChecksum(&block)
        #expect(throws: ArchiveError.self) { try Self.readAll(block) }
    }

    @Test func headerCutShortIsTruncated() throws {
        let block = ArchiveFixtures.rawHeader(name: "a")
        #expect(throws: ArchiveError.truncated) { try Self.readAll(Array(block.prefix(300))) }
    }

    @Test func invalidOctalDigitIsBadHeader() throws {
        let block = ArchiveFixtures.rawHeader(name: "a", size: "0000000009x")
        #expect(throws: ArchiveError.self) { try Self.readAll(block) }
    }

    @Test(arguments: ["mtime=1e400", "mtime=nan", "mtime=-inf", "mtime=99999999999999999999999"])
    func nonsensePaxTimeKeepsUstarTime(record: String) throws {
        let pax = TarWriter.paxRecords([(String(record.prefix { $0 != "=" }), Array(record.drop { $0 != "=" }.dropFirst().utf8))])
        let paxHeader = ArchiveFixtures.rawHeader(name: "pax", size: ArchiveFixtures.octal11(pax.count), flag: UInt8(ascii: "x"))
        let padded = pax + [UInt8](repeating: 0, count: (512 - pax.count % 512) % 512)
        let entry = ArchiveFixtures.rawHeader(name: "file")
        var reader = TarReader(BufferSource(paxHeader + padded + entry + [UInt8](repeating: 0, count: 1024)))
        #expect(try reader.next()?.modificationTime == 0)
    }

    @Test(arguments: ["5 a=b\n", "99 path=x\n", "x path=y\n", "8 novalue\n", "9 path=x\n9223372036854775807 path=y\n", "-5 a=b\n"])
    func malformedPaxRecordIsBadHeader(record: String) throws {
        let bytes = Array(record.utf8)
        let size = ArchiveFixtures.octal11(bytes.count)
        let header = ArchiveFixtures.rawHeader(name: "pax", size: size, flag: UInt8(ascii: "x"))
        let padded = bytes + [UInt8](repeating: 0, count: 512 - bytes.count)
        #expect(throws: ArchiveError.self) { try Self.readAll(header + padded + ArchiveFixtures.rawHeader(name: "f")) }
    }

    @Test func oversizedPaxRecordIsRefused() throws {
        let header = ArchiveFixtures.rawHeader(name: "pax", size: "07777777777", flag: UInt8(ascii: "x"))
        #expect(throws: ArchiveError.tooLarge(limit: 1 << 20)) { try Self.readAll(header) }
    }

    @Test func randomGarbageNeverCrashes() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<300 {
            var bytes = ArchiveFixtures.rawHeader(name: "f", size: "00000000010") + [UInt8](repeating: 0x41, count: 512)
            for _ in 0..<4 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            if rng.next() % 2 == 0 { ArchiveFixtures.fixChecksum(&bytes) }
            let cut = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
            _ = try? Self.readAll(cut)
        }
    }
}

