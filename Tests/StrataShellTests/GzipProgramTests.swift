import StrataArchive
import Testing
@testable import StrataShell

/// gzip, gunzip and zcat: naming, modes, refusals and provenance.
@Suite struct GzipProgramTests {
    func image() throws -> MemoryFileSystem {
        var fs = try makeImageFileSystem()
        try fs.seed("/data/a.txt", "alpha\nbeta\n", mode: 0o640)
        try fs.seed("/run/secrets/k", "hunter2\n", mode: 0o400, provenance: .secret("k"))
        return fs
    }

    @Test func gzipReplacesFileWithGzAndKeepsMode() throws {
        let (result, fs) = run("gzip /data/a.txt", on: try image())
        #expect(result.exitStatus == 0)
        #expect(!fs.exists("/data/a.txt"))
        let compressed = try fs.readFile("/data/a.txt.gz")
        #expect(try Gzip.decompress(compressed.bytes) == Array("alpha\nbeta\n".utf8))
        #expect(try fs.stat("/data/a.txt.gz").mode == 0o640)
    }

    @Test func gunzipRestoresOriginal() throws {
        let (result, fs) = run("gzip /data/a.txt && gunzip /data/a.txt.gz", on: try image())
        #expect(result.exitStatus == 0)
        #expect(try fs.readFile("/data/a.txt").text == "alpha\nbeta\n")
        #expect(!fs.exists("/data/a.txt.gz"))
    }

    @Test func keepLeavesSourceInPlace() throws {
        let (_, fs) = run("gzip -k /data/a.txt", on: try image())
        #expect(fs.exists("/data/a.txt"))
        #expect(fs.exists("/data/a.txt.gz"))
    }

    @Test func existingOutputIsRefusedWithoutForce() throws {
        let (result, _) = run("gzip -k /data/a.txt; gzip /data/a.txt", on: try image())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == "gzip: can't open '/data/a.txt.gz': File exists\n")
    }

    @Test(arguments: [
        ("gunzip /data/a.txt", "gunzip: /data/a.txt: unknown suffix - ignored\n"),
        ("gunzip -c /data/a.txt", "gunzip: invalid magic\n"),
        ("zcat /data/a.txt", "zcat: no gzip/bzip2/xz magic\n"),
        ("gzip /nope", "gzip: /nope: No such file or directory\n"),
    ])
    func failuresMatchBusybox(_ script: String, _ message: String) throws {
        let (result, _) = run(script, on: try image())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == message)
    }

    @Test func tgzDecompressesToTar() throws {
        let (_, fs) = run("gzip -c /data/a.txt > /x.tgz && gunzip /x.tgz", on: try image())
        #expect(try fs.readFile("/x.tar").text == "alpha\nbeta\n")
    }

    @Test func compressedSecretIsLabelledCompressed() throws {
        let (result, _) = run("gzip -c /run/secrets/k > /k.gz", on: try image())
        #expect(result.writtenFiles.first { $0.path == "/k.gz" }?.provenance == Provenance(secrets: ["k"], transforms: [.compressed]))
    }

    @Test func roundTripThroughPipeKeepsSecret() throws {
        let (result, _) = run("gzip < /run/secrets/k | zcat > /plain", on: try image())
        #expect(result.writtenFiles.first { $0.path == "/plain" }?.provenance.secrets == ["k"])
    }
}
