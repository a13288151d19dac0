import StrataSupport

/// A snapshot being edited. Edits rebuild only the directories on the changed path;
/// `commit()` freezes the result into a new `Snapshot` and leaves the base untouched.
///
/// Paths are absolute inside the snapshot and resolved like a chroot (see `FSPath`).
/// Nothing reads a clock: `time` is the mtime given to entries this value creates or
/// changes, and to directories whose entries it adds or removes.
public struct MutableSnapshot: Sendable {
    var root: Node
    /// Where file contents are stored; shared with the base snapshot.
    public let store: any BlobStore
    var nextLinkGroup: UInt64
    /// The mtime, in seconds, for what the following edits create or change.
    public var time: Int

    init(base: Snapshot, time: Int) {
        root = base.root
        store = base.store
        nextLinkGroup = base.nextLinkGroup
        self.time = time
    }

    /// The edits so far as an immutable snapshot.
    public func commit() -> Snapshot {
        Snapshot(root: root, store: store, nextLinkGroup: nextLinkGroup)
    }

    // MARK: Reading, as on `Snapshot`

    public func stat(_ path: String, followSymlinks: Bool = true) throws(FSError) -> FileInfo {
        try commit().stat(path, followSymlinks: followSymlinks)
    }

    public func exists(_ path: String) -> Bool { commit().exists(path) }

    public func readFile(_ path: String) throws(FSError) -> [UInt8] { try commit().readFile(path) }

    public func list(_ path: String) throws(FSError) -> [String] { try commit().list(path) }

    public func readlink(_ path: String) throws(FSError) -> String { try commit().readlink(path) }

    // MARK: Internal helpers

    /// Puts `node` at resolved `components`; the parent's mtime is set when `touchParent`.
    mutating func place(_ node: Node?, at components: [String], touchParent: Bool) {
        root = root.replacing(components[...], with: node, touch: touchParent ? time : nil)
    }

    /// Replaces an existing entry with `transform(entry)`. For a hard-linked file every name
    /// of the file is updated, since they are one file.
    mutating func update(_ resolved: Resolved, _ transform: (Node) -> Node) {
        guard let old = resolved.node else { return }
        let new = transform(old)
        if case .file(_, _, let link?) = old.body {
            root = Self.replacingLinkGroup(link, with: new, in: root)
        } else if resolved.components.isEmpty {
            root = new
        } else {
            place(new, at: resolved.components, touchParent: false)
        }
    }

    /// Every file of hard-link group `link` below `node` replaced by `replacement`; subtrees
    /// without links are returned as they are.
    static func replacingLinkGroup(_ link: UInt64, with replacement: Node, in node: Node) -> Node {
        guard node.containsLinks, var children = node.children else { return node }
        var changed = false
        for (name, child) in zip(children.names, children.nodes) where child.containsLinks {
            if case .file(_, _, let group) = child.body {
                if group == link { children.set(name, replacement); changed = true }
            } else {
                let new = replacingLinkGroup(link, with: replacement, in: child)
                if new !== child { children.set(name, new); changed = true }
            }
        }
        return changed ? node.with(children: children) : node
    }

    func storeBytes(_ bytes: [UInt8], for path: String) throws(FSError) -> Digest {
        do { return try store.put(bytes) } catch { throw .host(path, reason: "cannot store contents: \(error)") }
    }
}
