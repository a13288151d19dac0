import StrataArchive
import Testing
@testable import StrataShell

/// tar: archive layout, extraction of kinds and modes, listing, and provenance.
@Suite struct TarProgramTests {
    func image() throws -> MemoryFileSystem {
        var fs = try makeImageFileSystem()
        try fs.seed("/src/a.txt", "alpha\n", mode: 0o640)
        try fs.seed("/src/bin/run", "#!/bin/sh\n", mode: 0o755)
        try fs.seedLink("/src/link", to: "a.txt")
        try fs.seed("/run/secrets/k", "hunter2\n", mode: 0o400, provenance: .secret("k"))
        return fs
    }

    @Test func createWritesBusyboxHeaders() throws {
        let (result, fs) = run("cd /src && tar cf /x.tar a.txt", on: try image())
        #expect(result.exitStatus == 0)
        let bytes = try fs.readFile("/x.tar").bytes
        #expect(bytes.count == 512 * 2 + 1024)
        #expect(Array(bytes[257..<265]) == Array("ustar  \u{0}".utf8))
        #expect(String(decoding: bytes[100..<107], as: UTF8.self) == "0000640")
        #expect(String(decoding: bytes[265..<269], as: UTF8.self) == "root")
        var reader = TarReader(BufferSource(bytes))
        let header = try reader.next()
        #expect(header?.path == "a.txt")
        #expect(try reader.readContents() == Array("alpha\n".utf8))
    }

    @Test func longNamesUseGnuLongLink() throws {
        let long = String(repeating: "n", count: 120)
        let (_, fs) = run("mkdir /l && echo x > /l/\(long) && cd / && tar cf /x.tar l", on: try image())
        var reader = TarReader(BufferSource(try fs.readFile("/x.tar").bytes))
        _ = try reader.next()
        #expect(try reader.next()?.path == "l/" + long)
    }

    @Test func roundTripRestoresKindsAndModes() throws {
        let (result, fs) = run("tar cf /x.tar -C / src && mkdir /out && tar xf /x.tar -C /out", on: try image())
        #expect(result.exitStatus == 0)
        #expect(try fs.readFile("/out/src/a.txt").text == "alpha\n")
        #expect(try fs.stat("/out/src/a.txt").mode == 0o640)
        #expect(try fs.stat("/out/src/bin/run").mode == 0o755)
        #expect(try fs.readlink("/out/src/link") == "a.txt")
    }

    @Test func verboseListingMatchesBusyboxLayout() throws {
        let (result, _) = run("touch -d @0 /src/a.txt; cd /src && tar cf - a.txt link | tar tvf -", on: try image())
        let lines = result.stdout.text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("-rw-r----- root/root         6 ") == true)
        #expect(lines.first?.hasSuffix(" a.txt") == true)
        #expect(lines.last?.hasSuffix(" link -> a.txt") == true)
        #expect(lines.last?.hasPrefix("lrwxrwxrwx root/root         0 ") == true)
    }

    @Test func gzipArchivesRoundTrip() throws {
        let (result, fs) = run("tar czf /x.tgz -C /src a.txt && gunzip -c /x.tgz | tar tf -", on: try image())
        #expect(result.stdout.text == "a.txt\n")
        #expect(try Gzip.decompress(try fs.readFile("/x.tgz").bytes).count == 2048)
    }

    @Test func absoluteNamesLoseTheirLeadingSlash() throws {
        let (result, _) = run("tar cf /x.tar /src/a.txt && tar tf /x.tar", on: try image())
        #expect(result.stderr.text == "tar: removing leading '/' from member names\n")
        #expect(result.stdout.text == "src/a.txt\n")
    }

    @Test func noSameOwnerKeepsExtractorAsOwner() throws {
        var fs = try image()
        try fs.chown("/src/a.txt", uid: 1000, gid: 1000)
        let (_, after) = run("tar cf /x.tar -C /src a.txt && mkdir /o /p && tar xf /x.tar -C /o && tar xof /x.tar -C /p", on: fs)
        #expect(try after.stat("/o/a.txt").uid == 1000)
        #expect(try after.stat("/p/a.txt").uid == 0)
    }

    @Test func archivedSecretIsCopiedIntoArchiveAndBackOut() throws {
        let (result, _) = run("tar czf /s.tgz /run/secrets/k 2>/dev/null && mkdir /o && tar xzf /s.tgz -C /o", on: try image())
        let archive = result.writtenFiles.first { $0.path == "/s.tgz" }?.provenance
        #expect(archive == Provenance(secrets: ["k"], transforms: [.copied, .compressed]))
        let extracted = result.writtenFiles.first { $0.path == "/o/run/secrets/k" }?.provenance
        #expect(extracted?.secrets == ["k"])
    }

    @Test func missingMemberIsReported() throws {
        let (result, _) = run("tar cf /x.tar -C /src a.txt && tar xf /x.tar -C / nothere", on: try image())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == "tar: nothere: not found in archive\n")
    }
}
