import StrataArchive
import Testing
@testable import StrataFS

/// The order moby's naive differ writes a layer in (full paths as byte strings), and FIFOs as
/// snapshot entries, both observed in the conformance records (diff-sort-order, ownership-and-links).
@Suite struct LayerOrderAndFifoTests {
    @Test func entriesAreSortedByFullPathBytesWithWhiteoutsAtTheDeletedPath() throws {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable(time: 1)
        for directory in ["/s/x/a", "/s/x-y", "/s/x.z"] { try m.mkdir(directory, parents: true) }
        try m.writeFile("/s/x/a/f", [])
        try m.writeFile("/s/x-y/f", [])
        let base = m.commit()
        var edit = base.mutable(time: 2)
        try edit.remove("/s/x-y", recursive: true)
        try edit.remove("/s/x/a", recursive: true)
        try edit.writeFile("/s/x/a-c", [])
        try edit.writeFile("/s/x.z/g", [])
        let paths = LayerDiff(from: base, to: edit.commit()).entries.map(\.header.path)
        #expect(paths == ["s/", "s/x/", "s/.wh.x-y", "s/x.z/", "s/x.z/g", "s/x/.wh.a", "s/x/a-c"])
    }

    @Test func fifoIsAnEntryThatSurvivesALayerRoundTrip() throws {
        let base = Snapshot.empty(store: MemoryBlobStore())
        var m = base.mutable(time: 7)
        try m.mkfifo("/pipe", mode: 0o644, uid: 3, gid: 4)
        let upper = m.commit()
        let info = try upper.stat("/pipe")
        #expect(info.kind == .fifo)
        #expect(throws: FSError.self) { try upper.readFile("/pipe") }
        let tar = try LayerWriter.tar(from: base, to: upper)
        var reader = TarReader(BufferSource(tar))
        let header = try #require(try reader.next())
        #expect(header.kind == .fifo)
        #expect(header.path == "pipe")
        #expect(header.mode == 0o644)
        let applied = try base.applying(layer: tar)
        #expect(try applied.stat("/pipe").kind == .fifo)
        #expect(try applied.stat("/pipe").metadata.uid == 3)
        #expect(LayerDiff(from: upper, to: applied).isEmpty)
    }

    @Test func recreatingAFifoWithANewTimeIsAChange() throws {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable(time: 1)
        try m.mkfifo("/p")
        let base = m.commit()
        var edit = base.mutable(time: 2)
        try edit.remove("/p")
        try edit.mkfifo("/p")
        #expect(LayerDiff(from: base, to: edit.commit()).changes.map(\.description) == ["C /p"])
    }
}
