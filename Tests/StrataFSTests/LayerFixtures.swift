import StrataArchive
@testable import StrataFS

/// The base image of BUILDKIT-DIFFER.md as a snapshot: busybox with a few applet links
/// and the `/data` tree, everything at time 1000.
enum LayerFixtures {
    static let baseTime = 1000
    static let stepTime = 2000

    static func base(store: MemoryBlobStore = MemoryBlobStore()) throws -> Snapshot {
        var m = Snapshot.empty(store: store, rootMetadata: FileMetadata(mode: 0o755, mtime: baseTime)).mutable(time: baseTime)
        try m.mkdir("/bin")
        try m.writeFile("/bin/busybox", bytes("ELF busybox"), mode: 0o755)
        for applet in ["sh", "ls", "cat"] { try m.symlink("busybox", at: "/bin/" + applet) }
        try m.mkdir("/etc")
        try m.mkdir("/tmp", mode: 0o1777)
        try m.mkdir("/data/dir/sub", parents: true)
        try m.mkdir("/data/tree")
        try m.writeFile("/data/file", bytes("hello\n"))
        try m.writeFile("/data/same", bytes("keep\n"))
        try m.writeFile("/data/dir/a", bytes("x\n"))
        try m.writeFile("/data/dir/sub/b", bytes("y\n"))
        try m.writeFile("/data/tree/c", bytes("z\n"))
        return m.commit()
    }

    /// A layer's entries as `tar -tv`-like lines: kind, path, octal mode, owner when not
    /// root, mtime, and the link target or content size.
    static func render(_ entries: [LayerEntry]) -> [String] {
        entries.map { entry in
            let h = entry.header
            let kind: String
            switch h.kind {
            case .directory: kind = "d"
            case .symlink: kind = "l"
            case .hardlink: kind = "h"
            default: kind = "-"
            }
            var line = "\(kind) \(h.path) \(String(h.mode, radix: 8))"
            if h.uid != 0 || h.gid != 0 { line += " \(h.uid)/\(h.gid)" }
            line += " @\(h.modificationTime)"
            if !h.linkTarget.isEmpty { line += " -> \(h.linkTarget)" }
            if h.kind == .file { line += " \(h.size)B" }
            return line
        }
    }
}
