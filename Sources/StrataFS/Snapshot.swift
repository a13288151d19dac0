import StrataSupport

/// An immutable filesystem tree: regular files, directories, symlinks and hard links, with
/// mode, owner, mtime and xattrs.
///
/// A snapshot is a value and never changes. To derive another, take `mutable()`, edit, and
/// `commit()`: the new snapshot shares every untouched subtree with this one, so a thousand
/// small commits cost a thousand short paths, not a thousand trees. File contents live in a
/// `BlobStore` and are referenced by digest.
public struct Snapshot: Sendable {
    let root: Node
    /// Where the contents of this snapshot's files are held.
    public let store: any BlobStore
    /// The next hard-link group id to hand out; ids only need to be unique per snapshot.
    let nextLinkGroup: UInt64

    init(root: Node, store: any BlobStore, nextLinkGroup: UInt64) {
        self.root = root
        self.store = store
        self.nextLinkGroup = nextLinkGroup
    }

    /// An empty tree: just `/`, owned by root with mode 0755.
    public static func empty(store: any BlobStore, rootMetadata: FileMetadata = FileMetadata(mode: 0o755)) -> Snapshot {
        Snapshot(root: .emptyDirectory(rootMetadata), store: store, nextLinkGroup: 1)
    }

    /// A mutable copy to edit; `time` is the mtime given to what it creates or changes.
    public func mutable(time: Int = 0) -> MutableSnapshot {
        MutableSnapshot(base: self, time: time)
    }

    /// Whether two snapshots share their whole tree (cheap; equal digests say more).
    public func isIdentical(to other: Snapshot) -> Bool { root === other.root }
}
