import Synchronization
import StrataSupport

/// One immutable node of a snapshot's persistent tree.
///
/// Nodes are never changed after creation; a commit builds new nodes along the changed paths
/// and reuses every other node by reference (path copying). Identity (`===`) therefore means
/// "unchanged subtree", which the differ uses to skip whole directories.
final class Node: Sendable {
    enum Body: Sendable {
        /// A regular file; `link` is set for files with several names (hard links), and every
        /// name of the file carries the same content and metadata.
        case file(content: Digest, size: Int, link: UInt64?)
        case directory(Children)
        case symlink(String)
        /// A named pipe (`mkfifo`): metadata only, no contents.
        case fifo
    }

    let body: Body
    let metadata: FileMetadata
    /// Whether this node or any descendant is a hard-linked file: lets link-group updates and
    /// digest canonicalisation skip subtrees without links.
    let containsLinks: Bool
    private let cachedHash = Mutex<[UInt8]?>(nil)

    init(_ body: Body, metadata: FileMetadata) {
        self.body = body
        self.metadata = metadata
        switch body {
        case .file(_, _, let link): containsLinks = link != nil
        case .directory(let children): containsLinks = children.nodes.contains { $0.containsLinks }
        case .symlink, .fifo: containsLinks = false
        }
    }

    static func emptyDirectory(_ metadata: FileMetadata) -> Node {
        Node(.directory(Children()), metadata: metadata)
    }

    var children: Children? {
        if case .directory(let children) = body { return children }
        return nil
    }

    var isDirectory: Bool { children != nil }

    func with(metadata: FileMetadata) -> Node { Node(body, metadata: metadata) }

    func with(children: Children) -> Node { Node(.directory(children), metadata: metadata) }

    /// A Merkle hash of the subtree: kind, metadata and contents, children by name. A file's
    /// hard-link group id is left out; groups enter the snapshot digest separately, by path.
    var hash: [UInt8] {
        if let hash = cachedHash.withLock({ $0 }) { return hash }
        var sha = SHA256()
        func putInt(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { sha.update(buffer: $0) } }
        func putBytes(_ bytes: [UInt8]) { putInt(bytes.count); sha.update(bytes) }
        putInt(Int(metadata.mode))
        putInt(metadata.uid)
        putInt(metadata.gid)
        putInt(metadata.mtime)
        putInt(metadata.xattrs.count)
        for (key, value) in metadata.xattrs.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            putBytes(Array(key.utf8))
            putBytes(value)
        }
        switch body {
        case .file(let content, let size, _):
            sha.update([UInt8(ascii: "f")])
            putBytes(Array(content.description.utf8))
            putInt(size)
        case .symlink(let target):
            sha.update([UInt8(ascii: "l")])
            putBytes(Array(target.utf8))
        case .fifo:
            sha.update([UInt8(ascii: "p")])
        case .directory(let children):
            sha.update([UInt8(ascii: "d")])
            putInt(children.count)
            for (name, child) in zip(children.names, children.nodes) {
                putBytes(Array(name.utf8))
                sha.update(child.hash)
            }
        }
        let hash = sha.finalize()
        cachedHash.withLock { $0 = hash }
        return hash
    }
}
