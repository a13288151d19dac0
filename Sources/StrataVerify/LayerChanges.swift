/// What one layer does to the paths of the layers below it: entries it writes (replacing
/// any earlier file at that path), paths it deletes with `.wh.NAME` whiteouts, and
/// directories it makes opaque with `.wh..wh..opq`.
struct LayerChanges: Sendable {
    var written: Set<String> = []
    var deleted: Set<String> = []
    var opaque: Set<String> = []
    /// Paths written as something other than a directory: anything below them in lower
    /// layers is gone (a directory replaced by a file or symlink).
    var nonDirectories: Set<String> = []

    static let whiteoutPrefix = ".wh."
    static let opaqueMarker = ".wh..wh..opq"

    /// Records an entry at `path` (normalized, no leading slash). Returns false for
    /// whiteouts, which have no content of their own.
    mutating func record(_ path: String, isDirectory: Bool = false) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return true }
        let parent = parts.dropLast().joined(separator: "/")
        if name == LayerChanges.opaqueMarker {
            opaque.insert(parent)
            return false
        }
        if name.hasPrefix(LayerChanges.whiteoutPrefix) {
            let target = String(name.dropFirst(LayerChanges.whiteoutPrefix.count))
            deleted.insert(parent.isEmpty ? target : parent + "/" + target)
            return false
        }
        written.insert(path)
        if !isDirectory { nonDirectories.insert(path) }
        return true
    }

    /// Whether this layer hides `path` of a lower layer: it rewrites or deletes the path
    /// or one of its directories, replaces a directory with a file or symlink, or makes
    /// one of its directories opaque.
    func hides(_ path: String) -> Bool {
        if written.contains(path) || deleted.contains(path) { return true }
        var ancestor = Substring(path)
        while let slash = ancestor.lastIndex(of: "/") {
            ancestor = ancestor[..<slash]
            let key = String(ancestor)
            if deleted.contains(key) || opaque.contains(key) || nonDirectories.contains(key) { return true }
        }
        return opaque.contains("")
    }
}
