import StrataArchive
import StrataSupport

extension LayerDiff {
    /// Tar entries for `found`: ancestors first, whiteouts for deletions, hard links for
    /// second names of a file already written.
    static func entries(for found: [(LayerChange.Kind, [String], Node?)], upper: Node) -> [LayerEntry] {
        var out: [LayerEntry] = []
        var written: Set<[String]> = []
        var firstNameOfLink: [UInt64: String] = [:]
        func writeAncestors(of components: [String]) {
            for end in components.indices.dropLast() {
                let ancestor = Array(components[...end])
                guard !written.contains(ancestor), let node = upper.node(at: ancestor[...]) else { continue }
                written.insert(ancestor)
                out.append(LayerEntry(header: header(for: node, path: ancestor)))
            }
        }
        for (_, components, node) in found {
            writeAncestors(of: components)
            guard let node else {
                let parent = components.dropLast()
                let name = parent.map { $0 + "/" }.joined() + LayerEntry.whiteoutPrefix + (components.last ?? "")
                // BuildKit stamps whiteouts with the time it writes the layer; Strata uses the
                // parent directory's mtime so the layer stays deterministic.
                let time = upper.node(at: parent)?.metadata.mtime ?? 0
                out.append(LayerEntry(header: TarHeader(path: name, kind: .file, mode: 0, modificationTime: time)))
                continue
            }
            guard !written.contains(components) else { continue }
            written.insert(components)
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
        }
    }
}
