import Testing
@testable import StrataFS

@Suite struct SymlinkResolutionTests {
    static func tree() throws -> MutableSnapshot {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable()
        try m.mkdir("/real/inner", parents: true)
        try m.writeFile("/real/inner/f", bytes("f"))
        try m.writeFile("/top", bytes("top"))
        try m.symlink("/real", at: "/abs")
        try m.symlink("real/inner", at: "/rel")
        try m.symlink("../../../../../top", at: "/real/inner/escape")
        try m.symlink("/../../top", at: "/real/absescape")
        try m.symlink("inner/f", at: "/real/chain")
        try m.symlink("/real/chain", at: "/chain2")
        return m
    }

    @Test(arguments: [
        ("/abs/inner/f", "/real/inner/f"),
        ("/rel/f", "/real/inner/f"),
        ("/real/inner/escape", "/top"),
        ("/real/absescape", "/top"),
        ("/../../../top", "/top"),
        ("/real/./inner/../inner/f", "/real/inner/f"),
        ("/abs/../top", "/top"),
        ("/chain2", "/real/inner/f"),
        ("//real//inner///f", "/real/inner/f"),
    ])
    func pathResolvesInsideTheRoot(path: String, expected: String) throws {
        #expect(try Self.tree().stat(path).path == expected)
    }

    @Test func lstatDoesNotFollowFinalLink() throws {
        let info = try Self.tree().stat("/abs", followSymlinks: false)
        #expect(info.kind == .symlink)
        #expect(info.linkTarget == "/real")
        #expect(info.path == "/abs")
    }

    @Test func writingThroughDanglingLinkCreatesTarget() throws {
        var m = try Self.tree()
        try m.symlink("/real/new", at: "/dangling")
        try m.writeFile("/dangling", bytes("n"))
        #expect(try m.readFile("/real/new") == bytes("n"))
        #expect(try m.stat("/dangling", followSymlinks: false).kind == .symlink)
    }

    @Test func removingALinkLeavesItsTarget() throws {
        var m = try Self.tree()
        try m.remove("/abs")
        #expect(m.exists("/real/inner/f"))
        #expect(!m.exists("/abs"))
    }

    @Test func fortyLinksResolveAndFortyOneLoop() throws {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable()
        try m.writeFile("/end", [])
        try m.symlink("/end", at: "/l0")
        for i in 1...40 { try m.symlink("/l\(i - 1)", at: "/l\(i)") }
        #expect(try m.stat("/l39").path == "/end")
        #expect(throws: FSError.loop("/l40")) { try m.stat("/l40") }
    }
}
