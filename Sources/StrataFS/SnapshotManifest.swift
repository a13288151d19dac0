import StrataSupport

/// A snapshot written down as data: every entry with its metadata and content digest, so a
/// cache can keep a snapshot on disk beside its blobs and rebuild it later.
///
/// Hard-link groups are renumbered 1, 2, … in walk order, so equal snapshots give equal
/// manifests (and equal bytes through `StableJSON`).
public struct SnapshotManifest: Sendable, Hashable, Codable {
    public static let currentVersion = 1

    public var version: Int
    public var root: FileMetadata
    /// Every entry below `/` in walk order.
    public var entries: [FileInfo]

    public init(version: Int = SnapshotManifest.currentVersion, root: FileMetadata, entries: [FileInfo]) {
        self.version = version
        self.root = root
        self.entries = entries
    }
}

extension Snapshot {
    /// This snapshot as a manifest.
    public var manifest: SnapshotManifest {
        var renumbered: [UInt64: UInt64] = [:]
        let entries = self.entries().map { entry in
            var entry = entry
            if let group = entry.hardlinkGroup {
                let id = renumbered[group] ?? UInt64(renumbered.count + 1)
                renumbered[group] = id
                entry.hardlinkGroup = id
            }
            return entry
        }
        return SnapshotManifest(root: rootMetadata, entries: entries)
    }

    /// Rebuilds a snapshot from a manifest; contents are expected in `store` and are not read.
    public init(manifest: SnapshotManifest, store: any BlobStore) throws(FSError) {
        guard manifest.version == SnapshotManifest.currentVersion else {
            throw .invalid("/", reason: "unsupported snapshot manifest version \(manifest.version)")
        }
        var m = Snapshot.empty(store: store, rootMetadata: manifest.root).mutable(time: manifest.root.mtime)
        var firstName: [UInt64: String] = [:]
        var directories: [(String, FileMetadata)] = []
        for entry in manifest.entries {
            switch entry.kind {
            case .directory:
                try m.mkdir(entry.path)
                directories.append((entry.path, entry.metadata))
                continue
            case .symlink:
                try m.symlink(entry.linkTarget ?? "", at: entry.path)
            case .fifo:
                try m.mkfifo(entry.path)
            case .file:
                if let group = entry.hardlinkGroup, let first = firstName[group] {
                    try m.hardlink(first, at: entry.path)
                    continue
                }
                if let group = entry.hardlinkGroup { firstName[group] = entry.path }
                guard let content = entry.content else { throw .invalid(entry.path, reason: "file without a content digest") }
                try m.writeFile(entry.path, content: content, size: entry.size)
            }
            try m.setMetadata(entry.path, entry.metadata)
        }
        for (path, metadata) in directories { try m.setMetadata(path, metadata) }
        m.root = m.root.with(metadata: manifest.root)
        self = m.commit()
    }
}
