import StrataArchive
import Testing
@testable import StrataFS

@Suite struct LayerDiffTests {
    @Test func sharedSubtreesAreNotWalked() throws {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable()
        for d in 0..<30 {
            try m.mkdir("/d\(d)/inner", parents: true)
            for f in 0..<30 { try m.writeFile("/d\(d)/inner/f\(f)", []) }
        }
        let base = m.commit()
        var edit = base.mutable(time: 5)
        try edit.writeFile("/d7/inner/f3", [1])
        let diff = LayerDiff(from: base, to: edit.commit())
        #expect(diff.changes.map(\.description) == ["C /d7/inner/f3"])
        // Root, /d7 and /d7/inner: the 29 other directories are shared and skipped.
        #expect(diff.comparedDirectories == 3)
    }

    @Test func identicalSnapshotsGiveAnEmptyLayer() throws {
        let base = try LayerFixtures.base()
        #expect(LayerDiff(from: base, to: base).isEmpty)
        #expect(try LayerWriter.tar(from: base, to: base) == [UInt8](repeating: 0, count: 1024))
    }

    @Test func layerBytesAreDeterministic() throws {
        func build() throws -> [UInt8] {
            let base = try LayerFixtures.base()
            var m = base.mutable(time: 3000)
            try m.writeFile("/data/new", bytes("n"))
            try m.setXattr("/data/new", name: "security.capability", value: [1, 2, 3])
            try m.remove("/data/tree", recursive: true)
            return try LayerWriter.tar(from: base, to: m.commit())
        }
        #expect(try build() == build())
    }

    @Test func layerCarriesContentsAndXattrs() throws {
        let base = try LayerFixtures.base()
        var m = base.mutable(time: 3000)
        try m.writeFile("/data/new", bytes("payload"), uid: 1000, gid: 1000)
        try m.setXattr("/data/new", name: "user.k", value: [9])
        let tar = try LayerWriter.tar(from: base, to: m.commit())
        var reader = TarReader(BufferSource(tar))
        _ = try reader.next()
        let header = try #require(try reader.next())
        #expect(header.path == "data/new")
        #expect(header.uid == 1000)
        #expect(header.xattrs == ["user.k": [9]])
        #expect(try reader.readContents() == bytes("payload"))
    }

    @Test func metadataOnlyChangeOfDirectoryIsAChangeButMtimeIsNot() throws {
        let base = try LayerFixtures.base()
        var m = base.mutable(time: 3000)
        try m.utime("/etc", mtime: 99)
        #expect(LayerDiff(from: base, to: m.commit()).isEmpty)
        try m.chown("/etc", uid: 5, gid: 5)
        #expect(LayerDiff(from: base, to: m.commit()).changes.map(\.description) == ["C /etc"])
    }

    @Test func rootfsTarHoldsTheWholeTree() throws {
        let base = try LayerFixtures.base()
        let paths = base.rootfsEntries().map(\.header.path)
        #expect(paths.first == "bin/")
        #expect(paths.contains("data/dir/sub/b"))
        #expect(paths.count == base.entries().count)
    }
}
