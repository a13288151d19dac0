import Testing
@testable import StrataFS

@Suite struct HardlinkTests {
    static func linked() throws -> MutableSnapshot {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable(time: 1)
        try m.mkdir("/h")
        try m.writeFile("/h/one", bytes("shared"))
        try m.hardlink("/h/one", at: "/h/two")
        return m
    }

    @Test func hardlinkedNamesShareContentAndMetadata() throws {
        var m = try Self.linked()
        m.time = 50
        try m.writeFile("/h/two", bytes("rewritten"))
        try m.chmod("/h/one", 0o600)
        #expect(try m.readFile("/h/one") == bytes("rewritten"))
        #expect(try m.stat("/h/two").metadata.mode == 0o600)
        #expect(try m.stat("/h/one").metadata.mtime == 50)
        #expect(try m.stat("/h/one").hardlinkGroup == m.stat("/h/two").hardlinkGroup)
        #expect(try m.stat("/h/one").hardlinkGroup != nil)
    }

    @Test func removingOneNameKeepsTheOther() throws {
        var m = try Self.linked()
        try m.remove("/h/one")
        #expect(try m.readFile("/h/two") == bytes("shared"))
    }

    @Test func copyIsNotALink() throws {
        var m = try Self.linked()
        try m.writeFile("/h/copy", bytes("shared"))
        try m.chmod("/h/copy", 0o700)
        #expect(try m.stat("/h/one").metadata.mode == 0o644)
    }

    @Test func linkStructureIsPartOfTheDigest() throws {
        let linked = try Self.linked().commit()
        var copied = Snapshot.empty(store: MemoryBlobStore()).mutable(time: 1)
        try copied.mkdir("/h")
        try copied.writeFile("/h/one", bytes("shared"))
        try copied.writeFile("/h/two", bytes("shared"))
        #expect(linked.hardlinkGroups() == [["/h/one", "/h/two"]])
        #expect(linked.digest != copied.commit().digest)
    }

    @Test func aGroupLeftWithOneNameIsAnOrdinaryFile() throws {
        var m = try Self.linked()
        try m.remove("/h/two")
        m.time = 1
        try m.utime("/h", mtime: 1)
        var plain = Snapshot.empty(store: MemoryBlobStore()).mutable(time: 1)
        try plain.mkdir("/h")
        try plain.writeFile("/h/one", bytes("shared"))
        #expect(m.commit().digest == plain.commit().digest)
    }

    @Test func renamedLinkStaysLinked() throws {
        var m = try Self.linked()
        try m.mkdir("/elsewhere")
        try m.rename("/h/two", to: "/elsewhere/two")
        try m.chmod("/elsewhere/two", 0o400)
        #expect(try m.stat("/h/one").metadata.mode == 0o400)
    }
}
