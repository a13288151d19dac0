import StrataArchive
import StrataSupport

/// The changes from a lower to an upper snapshot and the tar entries of the layer that
/// records them, following BuildKit's differ (containerd `archive.WriteDiff` over continuity
/// `fs.Changes`), as observed and written down in Tests/StrataFSTests/BUILDKIT-DIFFER.md:
///
/// - A directory counts as changed only when its mode, owner or xattrs change; a new mtime
///   alone does not. A file or symlink changes when its mode, owner, xattrs, size, mtime
///   (seconds) or contents change, so rewriting identical bytes with a new mtime is a change
///   and rewriting them with the old mtime is not.
/// - A deleted path is one whiteout `.wh.NAME`; a deleted directory's children are not listed.
/// - A path whose type changes (directory to file, file to directory) is written as the new
///   entry with no whiteout; extraction replaces what was there.
/// - Every ancestor directory of a changed path is written, with its upper metadata.
/// - Entries are sorted by their full path as a byte string, as moby's naive differ (the vfs
///   driver of the conformance corpus) writes them; see `LayerDiff.entries(for:upper:)`.
/// - Names of one file (hard links) that are both written become a file and tar hard links
///   to the first path; a new name of a file that is not itself written is a regular file.
///
/// `/` itself is never written (BuildKit's walk starts below it). Subtrees the two snapshots
/// share by identity are skipped without being walked.
public struct LayerDiff: Sendable {
    /// The changes in walk order: parents before children, siblings by name.
    public let changes: [LayerChange]
    /// The layer's tar entries in order, with the digest of each regular file's contents.
    public let entries: [LayerEntry]
    /// How many directory pairs were merged: shared subtrees are not counted, which is how
    /// tests prove they were skipped.
    let comparedDirectories: Int

    public init(from lower: Snapshot, to upper: Snapshot) {
        var found: [(LayerChange.Kind, [String], Node?)] = []
        var compared = 0
        LayerDiff.compare(lower.root, upper.root, [], into: &found, compared: &compared)
        comparedDirectories = compared
        changes = found.map { LayerChange($0.0, FSPath.join($0.1)) }
        entries = LayerDiff.entries(for: found, upper: upper.root)
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Compares two directories' children in one merge of their sorted names.
    static func compare(
        _ lower: Node, _ upper: Node, _ prefix: [String], into found: inout [(LayerChange.Kind, [String], Node?)], compared: inout Int
    ) {
        guard lower !== upper, let low = lower.children, let up = upper.children else { return }
        compared += 1
        var i = 0
        var j = 0
        while i < low.count || j < up.count {
            let order: Int
            if i == low.count { order = 1 } else if j == up.count { order = -1 } else if low.names[i].utf8.elementsEqual(up.names[j].utf8) {
                order = 0
            } else {
                order = low.names[i].utf8.lexicographicallyPrecedes(up.names[j].utf8) ? -1 : 1
            }
            if order < 0 {
                found.append((.deleted, prefix + [low.names[i]], nil))
                i += 1
            } else if order > 0 {
                added(up.nodes[j], prefix + [up.names[j]], into: &found)
                j += 1
            } else {
                let path = prefix + [up.names[j]]
                let (l, u) = (low.nodes[i], up.nodes[j])
                if l !== u {
                    if l.isDirectory && u.isDirectory {
                        if !l.metadata.sameOwnershipAndMode(as: u.metadata) { found.append((.modified, path, u)) }
                        compare(l, u, path, into: &found, compared: &compared)
                    } else if !same(l, u) {
                        found.append((.modified, path, u))
                        if u.isDirectory { addedChildren(of: u, path, into: &found) }
                    }
                }
                i += 1
                j += 1
            }
        }
    }

    static func added(_ node: Node, _ path: [String], into found: inout [(LayerChange.Kind, [String], Node?)]) {
        found.append((.added, path, node))
        addedChildren(of: node, path, into: &found)
    }

    static func addedChildren(of node: Node, _ path: [String], into found: inout [(LayerChange.Kind, [String], Node?)]) {
        node.walk(path) { components, child in found.append((.added, components, child)) }
    }

    /// Non-directories equal as continuity's `sameFile` sees them with whole-second times.
    static func same(_ l: Node, _ u: Node) -> Bool {
        guard l.metadata == u.metadata else { return false }
        switch (l.body, u.body) {
        case (.file(let a, let sizeA, _), .file(let b, let sizeB, _)): return sizeA == sizeB && a == b
        case (.symlink(let a), .symlink(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.fifo, .fifo): return true
        default: return false
        }
    }
}
