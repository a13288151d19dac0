import StrataSupport
import Foundation
import StrataArchive
import Testing
@testable import StrataFS

@Suite struct SnapshotDiskTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-fs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func readsTreeFromDisk() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/etc/sub", withIntermediateDirectories: true)
        try Data("root:x:0:0\n".utf8).write(to: URL(fileURLWithPath: dir + "/etc/passwd"))
        try fm.setAttributes([.posixPermissions: 0o4711, .modificationDate: Date(timeIntervalSince1970: 1_600_000_000)], ofItemAtPath: dir + "/etc/passwd")
        try fm.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "/etc/passwd")
        try fm.linkItem(atPath: dir + "/etc/passwd", toPath: dir + "/etc/sub/again")
        try fm.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: dir + "/etc/sub")
        let snap = try Snapshot.fromDirectory(dir, store: MemoryBlobStore())
        #expect(try snap.readFile("/link") == bytes("root:x:0:0\n"))
        #expect(try snap.stat("/etc/passwd").metadata.mode == 0o4711)
        #expect(try snap.stat("/etc/passwd").metadata.mtime == 1_600_000_000)
        #expect(try snap.stat("/etc/sub").metadata.mode == 0o1777)
        #expect(try snap.readlink("/link") == "/etc/passwd")
        #expect(snap.hardlinkGroups() == [["/etc/passwd", "/etc/sub/again"]])
    }

    @Test(arguments: 0..<20)
    func writeThenReadGivesSameDigest(seed: Int) throws {
        var gen = RandomTrees(rng: SplitMix(seed: UInt64(seed) + 500), allowRename: true, allowBaseHardlinks: true)
        let snap = gen.tree(store: MemoryBlobStore(), time: 1_500_000_000)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try snap.writeDirectory(to: dir + "/out")
        let back = try Snapshot.fromDirectory(dir + "/out", store: MemoryBlobStore())
        #expect(back.digest == snap.digest)
    }

    @Test func gnuTarExtractsOurRootfsTarToTheSameTree() throws {
        var gen = RandomTrees(rng: SplitMix(seed: 99), allowRename: true, allowBaseHardlinks: true)
        let snap = gen.tree(store: MemoryBlobStore(), time: 1_500_000_000)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(try snap.rootfsTar()).write(to: URL(fileURLWithPath: dir + "/layer.tar"))
        try FileManager.default.createDirectory(atPath: dir + "/x", withIntermediateDirectories: false)
        try Self.run("/usr/bin/tar", ["--same-owner", "-xpf", dir + "/layer.tar", "-C", dir + "/x"])
        var extracted = try Snapshot.fromDirectory(dir + "/x", store: MemoryBlobStore()).mutable()
        try extracted.setMetadata("/", snap.rootMetadata)
        #expect(extracted.commit().digest == snap.digest)
    }

    @Test func applyingGnuTarOfADirectoryMatchesReadingIt() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var gen = RandomTrees(rng: SplitMix(seed: 7), allowRename: true, allowBaseHardlinks: true)
        try gen.tree(store: MemoryBlobStore(), time: 1_400_000_000).writeDirectory(to: dir + "/src")
        try Self.run("/usr/bin/tar", ["--format=pax", "-cf", dir + "/src.tar", "-C", dir + "/src", "."])
        let fromDisk = try Snapshot.fromDirectory(dir + "/src", store: MemoryBlobStore())
        let layer = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/src.tar")))
        let applied = try Snapshot.empty(store: MemoryBlobStore()).applying(layer: layer)
        #expect(applied.digest == fromDisk.digest)
    }

    @Test func writingIntoNonEmptyDirectoryIsRefused() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data().write(to: URL(fileURLWithPath: dir + "/occupied"))
        #expect(throws: FSError.host(dir, reason: "destination must be an empty directory")) {
            try Snapshot.empty(store: MemoryBlobStore()).writeDirectory(to: dir)
        }
    }
}
