import StrataSupport
import StrataArchive
import Testing
@testable import StrataFS

@Suite struct LayerApplyTests {
    static func layer(_ entries: [(TarHeader, [UInt8])]) -> [UInt8] {
        var writer = TarWriter()
        for (header, contents) in entries { writer.append(header, contents: contents) }
        return writer.finish()
    }

    @Test func whiteoutDeletesAndOpaqueHidesLowerContents() throws {
        let base = try LayerFixtures.base()
        let tar = Self.layer([
            (TarHeader(path: "data/", kind: .directory, mode: 0o755, modificationTime: 5), []),
            (TarHeader(path: "data/.wh.file", kind: .file, mode: 0), []),
            (TarHeader(path: "data/dir/", kind: .directory, mode: 0o700, modificationTime: 6), []),
            (TarHeader(path: "data/dir/kept", kind: .file, mode: 0o644), bytes("k")),
            (TarHeader(path: "data/dir/.wh..wh..opq", kind: .file, mode: 0), []),
        ])
        let applied = try base.applying(layer: tar)
        #expect(!applied.exists("/data/file"))
        #expect(try applied.list("/data/dir") == ["kept"])
        #expect(try applied.stat("/data/dir").metadata == FileMetadata(mode: 0o700, mtime: 6))
        #expect(try applied.stat("/data").metadata.mtime == 5)
        #expect(applied.exists("/data/same"))
    }

    @Test func opaqueMarkerBeforeOrAfterNewChildrenKeepsThem() throws {
        for markerFirst in [true, false] {
            var entries: [(TarHeader, [UInt8])] = [(TarHeader(path: "data/tree/new", kind: .file), bytes("n"))]
            let marker = (TarHeader(path: "data/tree/.wh..wh..opq", kind: .file, mode: 0), [UInt8]())
            if markerFirst { entries.insert(marker, at: 0) } else { entries.append(marker) }
            let applied = try LayerFixtures.base().applying(layer: Self.layer(entries))
            #expect(try applied.list("/data/tree") == ["new"])
        }
    }

    @Test func whiteoutOfMissingNameIsHarmless() throws {
        let base = try LayerFixtures.base()
        let applied = try base.applying(layer: Self.layer([(TarHeader(path: "data/.wh.ghost", kind: .file, mode: 0), [])]))
        #expect(applied.digest == base.digest)
    }

    @Test(arguments: ["data/.wh.", "data/.wh..", "data/.wh..."])
    func whiteoutWithoutANameIsRejected(name: String) throws {
        let tar = Self.layer([(TarHeader(path: name, kind: .file, mode: 0), [])])
        #expect(throws: FSError.unsafeLayerPath(name, reason: "whiteout names no entry")) {
            try LayerFixtures.base().applying(layer: tar)
        }
    }

    @Test func corruptedLayersFailCleanlyOrApply() throws {
        let base = try LayerFixtures.base()
        var m = base.mutable(time: 3000)
        try m.remove("/data/dir", recursive: true)
        try m.writeFile("/data/new", bytes("new contents"))
        try m.hardlink("/data/new", at: "/data/alias")
        try m.symlink("../etc", at: "/data/up")
        let layer = try LayerWriter.tar(from: base, to: m.commit())
        var rng = SplitMix(seed: 11)
        var failures = 0
        for _ in 0..<400 {
            var bytes = layer
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            // Re-checksum the first header half the time so damage reaches past it.
            if rng.next() % 2 == 0 {
                var block = Array(bytes[0..<512])
                for i in 148..<156 { block[i] = UInt8(ascii: " ") }
                let digits = String(block.reduce(0) { $0 + Int($1) }, radix: 8)
                let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
                for (i, b) in padded.utf8.enumerated() { block[148 + i] = b }
                block[154] = 0
                bytes.replaceSubrange(0..<512, with: block)
            }
            do { _ = try base.applying(layer: bytes) } catch { failures += 1 }
        }
        #expect(failures > 0)
    }

    @Test func gzipLayerIsApplied() throws {
        let base = try LayerFixtures.base()
        let tar = Self.layer([(TarHeader(path: "/abs/new", kind: .file, mode: 0o600), bytes("gz"))])
        let applied = try base.applying(layer: try Gzip.compress(tar))
        #expect(try applied.readFile("/abs/new") == bytes("gz"))
        #expect(try applied.stat("/abs").kind == .directory)
    }

    @Test(arguments: ["../etc/passwd", "a/../../x", "./../x", "/../../x"])
    func pathTraversalIsRejected(name: String) throws {
        let base = try LayerFixtures.base()
        let tar = Self.layer([(TarHeader(path: name, kind: .file), bytes("evil"))])
        #expect(throws: FSError.unsafeLayerPath(name, reason: "path escapes the root through \"..\"")) {
            try base.applying(layer: tar)
        }
    }

    @Test func hardlinkTargetOutsideRootIsRejected() throws {
        let tar = Self.layer([(TarHeader(path: "x", kind: .hardlink, linkTarget: "../../etc/shadow"), [])])
        #expect(throws: FSError.self) { try LayerFixtures.base().applying(layer: tar) }
    }

    @Test func entryThroughSymlinkStaysInsideRoot() throws {
        var m = try LayerFixtures.base().mutable()
        try m.symlink("/../../../data", at: "/evil")
        let tar = Self.layer([(TarHeader(path: "evil/planted", kind: .file), bytes("p"))])
        let applied = try m.commit().applying(layer: tar)
        #expect(try applied.readFile("/data/planted") == bytes("p"))
    }

    @Test func hardlinkEntriesShareTheFile() throws {
        let tar = Self.layer([
            (TarHeader(path: "h/one", kind: .file), bytes("shared")),
            (TarHeader(path: "h/two", kind: .hardlink, linkTarget: "h/one"), []),
        ])
        let applied = try LayerFixtures.base().applying(layer: tar)
        #expect(applied.hardlinkGroups() == [["/h/one", "/h/two"]])
        #expect(try applied.readFile("/h/two") == bytes("shared"))
    }

    @Test func fileReplacesDirectoryAndDirectoryMergesIntoDirectory() throws {
        let tar = Self.layer([
            (TarHeader(path: "data/dir", kind: .file), bytes("f")),
            (TarHeader(path: "data/tree/", kind: .directory, mode: 0o711), []),
        ])
        let applied = try LayerFixtures.base().applying(layer: tar)
        #expect(try applied.stat("/data/dir").kind == .file)
        #expect(try applied.list("/data/tree") == ["c"])
        #expect(try applied.stat("/data/tree").metadata.mode == 0o711)
    }

    @Test func truncatedLayerIsAnArchiveError() throws {
        let tar = Self.layer([(TarHeader(path: "f", kind: .file), Array(repeating: 1, count: 2000))])
        #expect(throws: FSError.archive(.truncated)) { try LayerFixtures.base().applying(layer: Array(tar.prefix(1500))) }
    }

    @Test func devicesAreSkippedAndReported() throws {
        let tar = Self.layer([(TarHeader(path: "dev/null", kind: .characterDevice, mode: 0o666, deviceMajor: 1, deviceMinor: 3), [])])
        var m = try LayerFixtures.base().mutable()
        let report = try m.applyLayer(BufferSource(tar))
        #expect(report.skipped == ["/dev/null"])
        #expect(!m.exists("/dev/null"))
    }
}

/// `apply(diff(a, b))` onto `a` gives `b`, for random trees and random edit sequences.
@Suite struct LayerRoundTripTests {
    static func roundTrip(seed: UInt64, allowRename: Bool, baseHardlinks: Bool, varyTime: Bool) throws -> (Snapshot, Snapshot) {
        var gen = RandomTrees(rng: SplitMix(seed: seed), allowRename: allowRename, allowBaseHardlinks: baseHardlinks)
        let store = MemoryBlobStore()
        let a = gen.tree(store: store, time: 1000)
        var m = a.mutable(time: 1000)
        for step in 0..<(1 + Int(gen.rng.next() % 12)) {
            if varyTime { m.time = 1000 + step }
            gen.edit(&m)
        }
        let b = m.commit()
        let tar = try LayerWriter.tar(from: a, to: b)
        return (try a.applying(layer: tar, time: 77), b)
    }

    @Test(arguments: 0..<150)
    func roundTripWithBaseHardlinks(seed: Int) throws {
        let (applied, expected) = try Self.roundTrip(seed: UInt64(seed), allowRename: false, baseHardlinks: true, varyTime: false)
        #expect(applied.digest == expected.digest)
    }

    @Test(arguments: 1000..<1150)
    func roundTripWithRenames(seed: Int) throws {
        let (applied, expected) = try Self.roundTrip(seed: UInt64(seed), allowRename: true, baseHardlinks: false, varyTime: false)
        #expect(applied.digest == expected.digest)
    }

    /// With edits at new times, directories whose only change is their mtime are not in the
    /// layer (as in BuildKit), so the trees agree on everything but those mtimes.
    @Test(arguments: 2000..<2100)
    func roundTripWithNewTimesAgreesExceptDirectoryMtimes(seed: Int) throws {
        let (applied, expected) = try Self.roundTrip(seed: UInt64(seed), allowRename: true, baseHardlinks: false, varyTime: true)
        func canonical(_ s: Snapshot) -> [FileInfo] {
            s.entries().map { entry in
                var entry = entry
                if entry.kind == .directory { entry.metadata.mtime = 0 }
                entry.hardlinkGroup = nil
                return entry
            }
        }
        #expect(canonical(applied) == canonical(expected))
        #expect(applied.hardlinkGroups() == expected.hardlinkGroups())
        #expect(LayerDiff(from: expected, to: applied).isEmpty)
    }

    @Test func randomEditsActuallyChangeTrees() throws {
        var changed = 0
        for seed in 0..<50 {
            var gen = RandomTrees(rng: SplitMix(seed: UInt64(seed)), allowRename: true, allowBaseHardlinks: true)
            let a = gen.tree(store: MemoryBlobStore(), time: 1000)
            var m = a.mutable(time: 1000)
            for _ in 0..<5 { gen.edit(&m) }
            if m.commit().digest != a.digest { changed += 1 }
        }
        #expect(changed > 40)
    }
}
