import StrataArchive
import Testing
@testable import StrataFS

/// Each case of BUILDKIT-DIFFER.md: the edit a RUN made, and the layer entries BuildKit
/// wrote for it (less the `dev/ proc/ sys/` artefact of the imported base).
@Suite struct BuildKitDifferTests {
    typealias Edit = @Sendable (inout MutableSnapshot) throws -> Void

    static let cases: [(String, Edit, [String])] = [
        ("delete-file", { try $0.remove("/data/file") }, [
            "d data/ 755 @2000",
            "- data/.wh.file 0 @2000 0B",
        ]),
        ("delete-dir", { try $0.remove("/data/dir", recursive: true) }, [
            "d data/ 755 @2000",
            "- data/.wh.dir 0 @2000 0B",
        ]),
        ("chmod-only", { try $0.chmod("/data/file", 0o600) }, [
            "d data/ 755 @1000",
            "- data/file 600 @1000 6B",
        ]),
        ("touch-only", { try $0.utime("/data/file", mtime: 1_577_836_800) }, [
            "d data/ 755 @1000",
            "- data/file 644 @1577836800 6B",
        ]),
        ("rewrite-identical", { m in
            try m.writeFile("/tmp/s", m.readFile("/data/same"))
            try m.writeFile("/data/same", m.readFile("/tmp/s"))
            try m.remove("/tmp/s")
        }, [
            "d data/ 755 @1000",
            "- data/same 644 @2000 5B",
        ]),
        ("rewrite-identical-keep-mtime", { m in
            try m.writeFile("/data/same", m.readFile("/data/same"))
            try m.utime("/data/same", mtime: 1000)
        }, []),
        ("dir-to-file", { m in
            try m.remove("/data/dir", recursive: true)
            try m.writeFile("/data/dir", bytes("nowfile\n"))
        }, [
            "d data/ 755 @2000",
            "- data/dir 644 @2000 8B",
        ]),
        ("file-to-dir", { m in
            try m.remove("/data/file")
            try m.mkdir("/data/file")
            try m.writeFile("/data/file/inner", bytes("in\n"))
        }, [
            "d data/ 755 @2000",
            "d data/file/ 755 @2000",
            "- data/file/inner 644 @2000 3B",
        ]),
        ("hardlinks", { m in
            try m.mkdir("/h")
            try m.writeFile("/h/one", bytes("shared\n"))
            try m.hardlink("/h/one", at: "/h/two")
            try m.hardlink("/h/one", at: "/h/three")
        }, [
            "d h/ 755 @2000",
            "- h/one 644 @2000 7B",
            "h h/three 644 @2000 -> h/one",
            "h h/two 644 @2000 -> h/one",
        ]),
        ("hardlink-to-lower", { try $0.hardlink("/data/same", at: "/data/samelink") }, [
            "d data/ 755 @2000",
            "- data/samelink 644 @1000 5B",
        ]),
        ("secret-mount", { m in
            // What the solver does around a RUN with a secret mount: mount points created,
            // the secret bound over a placeholder file, the placeholder removed afterwards.
            try m.mkdir("/run/secrets", parents: true)
            try m.writeFile("/run/secrets/tok", [])
            try m.writeFile("/done", bytes("done\n"))
            try m.remove("/run/secrets/tok")
        }, [
            "- done 644 @2000 5B",
            "d run/ 755 @2000",
            "d run/secrets/ 755 @2000",
        ]),
        ("mkdir-deep", { try $0.mkdir("/a/b/c/d/e", parents: true) }, [
            "d a/ 755 @2000",
            "d a/b/ 755 @2000",
            "d a/b/c/ 755 @2000",
            "d a/b/c/d/ 755 @2000",
            "d a/b/c/d/e/ 755 @2000",
        ]),
        ("new-file-in-existing", { try $0.writeFile("/data/dir/sub/new", bytes("new\n")) }, [
            "d data/ 755 @1000",
            "d data/dir/ 755 @1000",
            "d data/dir/sub/ 755 @2000",
            "- data/dir/sub/new 644 @2000 4B",
        ]),
        ("delete-then-recreate-dir", { m in
            try m.remove("/data/tree", recursive: true)
            try m.mkdir("/data/tree")
            try m.writeFile("/data/tree/n", bytes("n\n"))
        }, [
            "d data/ 755 @2000",
            "d data/tree/ 755 @2000",
            "- data/tree/.wh.c 0 @2000 0B",
            "- data/tree/n 644 @2000 2B",
        ]),
        ("symlink", { m in
            try m.symlink("/data/file", at: "/data/link")
            try m.symlink("../x", at: "/data/dir/rel")
        }, [
            "d data/ 755 @2000",
            "d data/dir/ 755 @2000",
            "l data/dir/rel 777 @2000 -> ../x",
            "l data/link 777 @2000 -> /data/file",
        ]),
        ("setuid", { m in
            try m.chmod("/data/file", 0o4755)
            try m.chmod("/data/tree", 0o1777)
        }, [
            "d data/ 755 @1000",
            "- data/file 4755 @1000 6B",
            "d data/tree/ 1777 @1000",
        ]),
        ("noop", { _ in }, []),
        ("mv-file", { try $0.rename("/data/file", to: "/data/moved") }, [
            "d data/ 755 @2000",
            "- data/.wh.file 0 @2000 0B",
            "- data/moved 644 @1000 6B",
        ]),
        ("mv-dir", { try $0.rename("/data/dir", to: "/data/renamed") }, [
            "d data/ 755 @2000",
            "- data/.wh.dir 0 @2000 0B",
            "d data/renamed/ 755 @1000",
            "- data/renamed/a 644 @1000 2B",
            "d data/renamed/sub/ 755 @1000",
            "- data/renamed/sub/b 644 @1000 2B",
        ]),
        ("chown-only", { try $0.chown("/data/file", uid: 1000, gid: 1000) }, [
            "d data/ 755 @1000",
            "- data/file 644 1000/1000 @1000 6B",
        ]),
        ("rm-recreate-same", { m in
            try m.remove("/data/same")
            try m.writeFile("/data/same", bytes("keep\n"))
        }, [
            "d data/ 755 @2000",
            "- data/same 644 @2000 5B",
        ]),
        ("touch-dir-only", { try $0.utime("/data/dir", mtime: 2000) }, []),
        ("replace-symlink", { m in
            try m.remove("/bin/cat")
            try m.symlink("/data/same", at: "/bin/cat")
        }, [
            "d bin/ 755 @2000",
            "l bin/cat 777 @2000 -> /data/same",
        ]),
        ("delete-symlink", { try $0.remove("/bin/ls") }, [
            "d bin/ 755 @2000",
            "- bin/.wh.ls 0 @2000 0B",
        ]),
    ]

    @Test(arguments: cases.indices)
    func layerMatchesWhatBuildKitWrote(index: Int) throws {
        let (_, edit, expected) = Self.cases[index]
        let base = try LayerFixtures.base()
        var m = base.mutable(time: LayerFixtures.stepTime)
        try edit(&m)
        let diff = LayerDiff(from: base, to: m.commit())
        #expect(LayerFixtures.render(diff.entries) == expected)
    }

    @Test func whiteoutHeaderHasFixedFields() throws {
        let base = try LayerFixtures.base()
        var m = base.mutable(time: 2000)
        try m.remove("/data/file")
        let tar = try LayerWriter.tar(from: base, to: m.commit())
        var reader = TarReader(BufferSource(tar))
        var headers: [TarHeader] = []
        while let header = try reader.next() { headers.append(header) }
        let whiteout = try #require(headers.last)
        #expect(whiteout.path == "data/.wh.file")
        #expect(whiteout.kind == .file)
        #expect(whiteout.mode == 0 && whiteout.uid == 0 && whiteout.size == 0)
        #expect(headers.allSatisfy { $0.userName.isEmpty && $0.groupName.isEmpty })
    }

    @Test func changeListReportsKinds() throws {
        let base = try LayerFixtures.base()
        var m = base.mutable(time: 2000)
        try m.remove("/data/dir", recursive: true)
        try m.chmod("/data/file", 0o600)
        try m.mkdir("/new")
        try m.writeFile("/new/x", [])
        let changes = LayerDiff(from: base, to: m.commit()).changes.map(\.description)
        #expect(changes == ["D /data/dir", "C /data/file", "A /new", "A /new/x"])
    }
}
