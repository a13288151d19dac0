import Testing
@testable import StrataFS

@Suite struct SnapshotErrorTests {
    static func base() throws -> MutableSnapshot {
        var m = Snapshot.empty(store: MemoryBlobStore()).mutable(time: 1)
        try m.mkdir("/dir/sub", parents: true)
        try m.writeFile("/dir/file", bytes("f"))
        try m.mkdir("/full")
        try m.writeFile("/full/x", [])
        try m.symlink("loop2", at: "/loop1")
        try m.symlink("loop1", at: "/loop2")
        try m.symlink("/nowhere", at: "/dangling")
        return m
    }

    typealias Edit = @Sendable (inout MutableSnapshot) throws(FSError) -> Void

    static let cases: [(String, Edit, FSError)] = [
        ("read missing", { m throws(FSError) in _ = try m.readFile("/nope") }, .noEntry("/nope")),
        ("read below missing", { m throws(FSError) in _ = try m.readFile("/nope/x") }, .noEntry("/nope")),
        ("read through file", { m throws(FSError) in _ = try m.readFile("/dir/file/x") }, .notDirectory("/dir/file")),
        ("read directory", { m throws(FSError) in _ = try m.readFile("/dir") }, .isDirectory("/dir")),
        ("mkdir existing", { m throws(FSError) in try m.mkdir("/dir") }, .exists("/dir")),
        ("mkdir -p over file", { m throws(FSError) in try m.mkdir("/dir/file/x", parents: true) }, .notDirectory("/dir/file")),
        ("mkdir without parent", { m throws(FSError) in try m.mkdir("/a/b") }, .noEntry("/a")),
        ("write over directory", { m throws(FSError) in try m.writeFile("/dir", []) }, .isDirectory("/dir")),
        ("remove non-empty", { m throws(FSError) in try m.remove("/dir") }, .notEmpty("/dir")),
        ("remove missing", { m throws(FSError) in try m.remove("/dir/zzz") }, .noEntry("/dir/zzz")),
        ("remove root", { m throws(FSError) in try m.remove("/", recursive: true) }, .notPermitted("/", reason: "cannot remove the root")),
        ("symlink loop", { m throws(FSError) in _ = try m.readFile("/loop1") }, .loop("/loop1")),
        ("symlink over existing", { m throws(FSError) in try m.symlink("x", at: "/dir") }, .exists("/dir")),
        ("hardlink to directory", { m throws(FSError) in try m.hardlink("/dir", at: "/d2") }, .notPermitted("/dir", reason: "hard link to a directory")),
        ("hardlink over existing", { m throws(FSError) in try m.hardlink("/dir/file", at: "/dir/sub") }, .exists("/dir/sub")),
        ("rename into itself", { m throws(FSError) in try m.rename("/dir", to: "/dir/sub/x") }, .invalid("/dir/sub/x", reason: "cannot move /dir into itself")),
        ("rename dir over non-empty dir", { m throws(FSError) in try m.rename("/dir/sub", to: "/full") }, .notEmpty("/full")),
        ("rename file over dir", { m throws(FSError) in try m.rename("/dir/file", to: "/dir/sub") }, .isDirectory("/dir/sub")),
        ("rename dir over file", { m throws(FSError) in try m.rename("/dir/sub", to: "/dir/file") }, .notDirectory("/dir/file")),
        ("readlink of file", { m throws(FSError) in _ = try m.readlink("/dir/file") }, .invalid("/dir/file", reason: "not a symbolic link")),
        ("list a file", { m throws(FSError) in _ = try m.list("/dir/file") }, .notDirectory("/dir/file")),
        ("chmod missing", { m throws(FSError) in try m.chmod("/x", 0o600) }, .noEntry("/x")),
        ("stat dangling", { m throws(FSError) in _ = try m.stat("/dangling") }, .noEntry("/nowhere")),
    ]

    @Test(arguments: cases.indices)
    func failingOperationThrowsErrorNamingPath(index: Int) throws {
        let (_, edit, expected) = Self.cases[index]
        var m = try Self.base()
        let before = m.commit().digest
        #expect(throws: expected) { try edit(&m) }
        #expect(m.commit().digest == before)
    }
}
