/// Absolute paths inside a snapshot, split into components.
///
/// A snapshot is its own root, like a chroot: `..` at `/` stays at `/`, and an absolute
/// symlink target is resolved from the snapshot's root, never the host's.
public enum FSPath {
    /// Symlinks followed in one lookup before `ELOOP`, as Linux's limit.
    public static let maximumSymlinkHops = 40

    /// The non-empty components of `path` (`.` kept; `..` is resolved during lookup).
    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// `/a/b` from `["a", "b"]`; `/` for none.
    static func join(_ components: some Sequence<String>) -> String {
        "/" + components.joined(separator: "/")
    }

    /// `path` made absolute and free of `.`, `..` and repeated slashes, without following
    /// symlinks; `..` never climbs above `/`.
    /// The parent directory of an absolute path (`/` for top-level entries and for `/`).
    public static func parent(of path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count <= 1 ? "/" : "/" + parts.dropLast().joined(separator: "/")
    }

    public static func normalize(_ path: String) -> String {
        var out: [String] = []
        for component in components(path) {
            switch component {
            case ".": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(component)
            }
        }
        return join(out)
    }
}
