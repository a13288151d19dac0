import Testing
@testable import StrataShell

/// The in-memory file system behaves like a POSIX tree.
@Suite struct MemoryFileSystemTests {
    @Test func symlinksResolveInsideTheTree() throws {
        var fs = MemoryFileSystem()
        try fs.seed("/usr/lib/x", "content")
        try fs.seedLink("/lib", to: "/usr/lib")
        try fs.seedLink("/rel", to: "usr/lib/x")
        #expect(try fs.readFile("/lib/x").text == "content")
        #expect(try fs.readFile("/rel").text == "content")
        #expect(try fs.realpath("/lib/x") == "/usr/lib/x")
        #expect(try fs.lstat("/lib").kind == .symlink)
    }

    @Test func errorsMapToErrnoMessages() throws {
        var fs = MemoryFileSystem()
        try fs.seed("/d/f", "x")
        #expect(throws: FileSystemError.notFound("/nope")) { try fs.readFile("/nope") }
        #expect(throws: FileSystemError.isADirectory("/d")) { try fs.readFile("/d") }
        #expect(throws: FileSystemError.notEmpty("/d")) { try fs.remove("/d") }
        #expect(throws: FileSystemError.exists("/d")) { try fs.mkdir("/d", mode: 0o755) }
        #expect(FileSystemError.notADirectory("/d/f/x").message == "Not a directory")
    }

    @Test func hardLinksShareContent() throws {
        var fs = MemoryFileSystem()
        try fs.seed("/a", "one")
        try fs.hardlink(existing: "/a", at: "/b")
        try fs.writeFile("/b", ProvenancedBytes(Array("two".utf8)), mode: 0o644)
        #expect(try fs.readFile("/a").text == "two")
    }

    @Test func renameMovesWholeSubtrees() throws {
        var fs = MemoryFileSystem()
        try fs.seed("/src/a/b", "x")
        try fs.rename("/src", to: "/dst")
        #expect(try fs.readFile("/dst/a/b").text == "x")
        #expect(!fs.exists("/src"))
        #expect(try fs.listDirectory("/") == ["dst"])
    }
}
