import Testing
@testable import StrataFS

@Suite struct SnapshotCopyTests {
    @Test func copiedSubtreeIsSharedNotCopied() throws {
        let store = MemoryBlobStore()
        var builder = Snapshot.empty(store: store).mutable(time: 1)
        try builder.mkdir("/opt/app/lib", parents: true)
        for i in 0..<200 { try builder.writeFile("/opt/app/lib/f\(i)", bytes("\(i)")) }
        let stage = builder.commit()
        var m = Snapshot.empty(store: store).mutable(time: 2)
        try m.mkdir("/srv")
        try m.copy("/opt/app", from: stage, to: "/srv/app")
        let copied = m.commit()
        #expect(try copied.readFile("/srv/app/lib/f7") == bytes("7"))
        let original = try #require(stage.root.node(at: ["opt", "app"]))
        let shared = try #require(copied.root.node(at: ["srv", "app"]))
        #expect(original === shared)
    }

    @Test func hardLinksInCopyGetFreshGroups() throws {
        var a = Snapshot.empty(store: MemoryBlobStore()).mutable()
        try a.mkdir("/d")
        try a.writeFile("/d/one", bytes("1"))
        try a.hardlink("/d/one", at: "/d/two")
        let source = a.commit()
        var b = Snapshot.empty(store: MemoryBlobStore()).mutable()
        try b.writeFile("/x", bytes("x"))
        try b.hardlink("/x", at: "/y")
        try b.copy("/d", from: source, to: "/copy")
        try b.chmod("/copy/one", 0o600)
        #expect(try b.stat("/x").metadata.mode == 0o644)
        #expect(try b.stat("/copy/two").metadata.mode == 0o600)
        #expect(b.commit().hardlinkGroups() == [["/copy/one", "/copy/two"], ["/x", "/y"]])
    }

    @Test func contentsFollowIntoAnotherStore() throws {
        var a = Snapshot.empty(store: MemoryBlobStore()).mutable()
        try a.writeFile("/secretless", bytes("data"))
        let otherStore = MemoryBlobStore()
        var b = Snapshot.empty(store: otherStore).mutable()
        try b.copy("/secretless", from: a.commit(), to: "/here")
        #expect(try b.readFile("/here") == bytes("data"))
        #expect(otherStore.count == 1)
    }

    @Test func copyOntoExistingPathIsRefused() throws {
        var a = Snapshot.empty(store: MemoryBlobStore()).mutable()
        try a.writeFile("/f", [])
        let source = a.commit()
        #expect(throws: FSError.exists("/f")) { try a.copy("/f", from: source, to: "/f") }
    }
}
