import StrataArchive
import StrataSupport

extension LayerDiff {
    /// Tar entries for `found`, in the order moby's differ writes them: every changed path and
    /// every ancestor directory of one (except `/`) is an entry, and the entries are sorted by
    /// their full path as a plain byte string, not by components, so `s/x-y` and `s/x.z` come
    /// before `s/x/a`; a deletion is a whiteout placed at the deleted path's position. The
    /// second name of a file already written (in that order) is a hard link to the first.
    static func entries(for found: [(LayerChange.Kind, [String], Node?)], upper: Node) -> [LayerEntry] {
        var out: [LayerEntry] = []
        var firstNameOfLink: [UInt64: String] = [:]
        var items: [String: ([String], Node?)] = [:]
        for (_, components, node) in found where items[components.joined(separator: "/")] == nil {
            items[components.joined(separator: "/")] = (components, node)
        }
        for (_, components, _) in found {
            for end in components.indices.dropLast() {
                let ancestor = Array(components[...end])
                let key = ancestor.joined(separator: "/")
                guard items[key] == nil, let node = upper.node(at: ancestor[...]) else { continue }
                items[key] = (ancestor, node)
            }
        }
        let ordered = items.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
        for (components, node) in ordered {
            guard let node else {
                let parent = components.dropLast()
                let name = parent.map { $0 + "/" }.joined() + LayerEntry.whiteoutPrefix + (components.last ?? "")
                // BuildKit stamps whiteouts with the time it writes the layer; Strata uses the
                // parent directory's mtime so the layer stays deterministic.
                let time = upper.node(at: parent)?.metadata.mtime ?? 0
                out.append(LayerEntry(header: TarHeader(path: name, kind: .file, mode: 0, modificationTime: time)))
                continue
            }
            var entry = LayerEntry(header: header(for: node, path: components))
            if case .file(let content, _, let link) = node.body {
                if let link, let first = firstNameOfLink[link] {
                    entry.header.kind = .hardlink
                    entry.header.linkTarget = first
                } else {
                    if let link { firstNameOfLink[link] = entry.header.path }
                    entry.content = content
                }
            }
            out.append(entry)
        }
        return out
    }

    /// A header with Strata's fixed fields: no user or group names, times from the snapshot.
    static func header(for node: Node, path: [String]) -> TarHeader {
        let name = path.joined(separator: "/")
        let m = node.metadata
        switch node.body {
        case .directory:
            return TarHeader(path: name + "/", kind: .directory, mode: m.mode, uid: m.uid, gid: m.gid, modificationTime: m.mtime, xattrs: m.xattrs)
        case .file(_, let size, _):
            return TarHeader(path: name, kind: .file, mode: m.mode, uid: m.uid, gid: m.gid, size: size, modificationTime: m.mtime, xattrs: m.xattrs)
        case .symlink(let target):
            return TarHeader(path: name, kind: .symlink, mode: m.mode, uid: m.uid, gid: m.gid, modificationTime: m.mtime, linkTarget: target, xattrs: m.xattrs)
        case .fifo:
            return TarHeader(path: name, kind: .fifo, mode: m.mode, uid: m.uid, gid: m.gid, modificationTime: m.mtime, xattrs: m.xattrs)
        }
    }
}
