import Foundation
import Testing
@testable import StrataArchive

/// Archives written by GNU tar and Python's tarfile read back as the tree they came from.
@Suite struct ForeignArchiveTests {
    /// A small tree with the awkward cases: long names, a symlink, a hardlink, odd modes.
    static func makeTree(at root: URL) throws {
        let fm = FileManager.default
        let deep = root.appendingPathComponent(String(repeating: "n", count: 70) + "/" + String(repeating: "m", count: 70))
        try fm.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data("deep\n".utf8).write(to: deep.appendingPathComponent(String(repeating: "f", count: 60)))
        try Data("plain\n".utf8).write(to: root.appendingPathComponent("plain.txt"))
        try fm.setAttributes([.posixPermissions: 0o4755], ofItemAtPath: root.appendingPathComponent("plain.txt").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("sym").path, withDestinationPath: "plain.txt")
        try fm.linkItem(atPath: root.appendingPathComponent("plain.txt").path, toPath: root.appendingPathComponent("hard").path)
    }

    static func check(_ entries: [(TarHeader, [UInt8])]) throws {
        let byPath = Dictionary(entries.map { ($0.0.path.hasPrefix("./") ? String($0.0.path.dropFirst(2)) : $0.0.path, $0) }) { a, _ in a }
        let longPath = String(repeating: "n", count: 70) + "/" + String(repeating: "m", count: 70) + "/" + String(repeating: "f", count: 60)
        let deep = try #require(byPath[longPath])
        #expect(deep.0.kind == .file)
        #expect(deep.1 == Array("deep\n".utf8))
        let plain = try #require(byPath["plain.txt"])
        #expect(plain.0.mode == 0o4755)
        let sym = try #require(byPath["sym"])
        #expect(sym.0.kind == .symlink)
        #expect(sym.0.linkTarget == "plain.txt")
        // tar stores the second name of an inode as a hardlink to the first it met.
        let hard = try #require(byPath["hard"] ?? byPath["plain.txt"])
        let links = [plain, hard].filter { $0.0.kind == .hardlink }
        #expect(links.count == 1)
        let dir = try #require(byPath[String(repeating: "n", count: 70) + "/"])
        #expect(dir.0.kind == .directory)
    }

    @Test(arguments: ["gnu", "pax", "ustar", "posix"])
    func readsGnuTarFormat(format: String) throws {
        let dir = try ArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("root")
        try Self.makeTree(at: root)
        let data = try ArchiveFixtures.run("/usr/bin/tar", ["--format=\(format)", "--sort=name", "-C", root.path, "-cf", "-", "."])
        try Self.check(ArchiveFixtures.entries([UInt8](data)))
    }

    @Test func readsGnuTarGzip() throws {
        let dir = try ArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("root")
        try Self.makeTree(at: root)
        let data = try ArchiveFixtures.run("/usr/bin/tar", ["--format=pax", "-C", root.path, "-czf", "-", "."])
        var source = try decompressingIfNeeded(BufferSource(data))
        try Self.check(ArchiveFixtures.entries(source.readAll()))
    }

    @Test(arguments: ["GNU_FORMAT", "PAX_FORMAT", "USTAR_FORMAT"])
    func readsPythonTarfile(format: String) throws {
        let dir = try ArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("root")
        try Self.makeTree(at: root)
        let script = """
            import tarfile, sys, os
            os.chdir(sys.argv[1])
            with tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.\(format)) as t:
                for top, dirs, files in os.walk("."):
                    dirs.sort()
                    for name in sorted(dirs + files):
                        t.add(os.path.join(top, name), recursive=False)
            """
        let data = try ArchiveFixtures.run("/usr/bin/python3", ["-c", script, root.path])
        try Self.check(ArchiveFixtures.entries([UInt8](data)))
    }

    @Test func pythonReadsWhatStrataWrites() throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: "d/", kind: .directory, mode: 0o755))
        writer.append(TarHeader(path: "d/" + String(repeating: "q", count: 200), kind: .file, mode: 0o640, uid: 5_000_000), contents: Array("abc".utf8))
        writer.append(TarHeader(path: "d/x", kind: .file, xattrs: ["user.k": Array("v".utf8)]), contents: [])
        writer.append(TarHeader(path: "d/h", kind: .hardlink, linkTarget: "d/x"))
        let dir = try ArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.tar")
        try Data(writer.finish()).write(to: file)
        let script = """
            import tarfile, sys
            for m in tarfile.open(sys.argv[1]):
                print(m.name, m.type.decode(), oct(m.mode), m.uid, m.size, m.linkname, sorted(m.pax_headers.items()))
            """
        let out = String(decoding: try ArchiveFixtures.run("/usr/bin/python3", ["-c", script, file.path]), as: UTF8.self)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("d 5 0o755"))
        #expect(lines[1].hasPrefix("d/" + String(repeating: "q", count: 200) + " 0 0o640 5000000 3"))
        #expect(lines[2].contains("('SCHILY.xattr.user.k', 'v')"))
        #expect(lines[3].hasPrefix("d/h 1 0o644 0 0 d/x"))
    }
}
