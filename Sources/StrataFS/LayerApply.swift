import StrataArchive
import StrataSupport

extension MutableSnapshot {
    /// Applies a layer tar (gzip or not) the way containerd's applier does:
    ///
    /// - `.wh.NAME` deletes NAME; `.wh..wh..opq` hides everything in its directory that this
    ///   layer did not itself write (the opaque marker other builders write);
    /// - an entry replaces whatever is at its path, except that a directory over a directory
    ///   merges, keeping the children;
    /// - missing parents are created (mode 0755), hard links join the named file;
    /// - directories keep the metadata the layer records for them (set after all entries);
    ///   applying an entry does not touch its parent's mtime, so `/`, which layers never
    ///   record, keeps its own.
    ///
    /// Entry names are made relative (a leading `/` or `./` is dropped); a name or hard-link
    /// target that climbs out of the root with `..` is rejected with `unsafeLayerPath`.
    @discardableResult
    public mutating func applyLayer(_ source: some ByteSource) throws(FSError) -> AppliedLayer {
        let stream: any ByteSource
        do { stream = try decompressingIfNeeded(source) } catch { throw Self.archiveError(error) }
        return try applyTar(stream)
    }

    /// Applies a tar archive the way ADD extracts one: plain, gzip, bzip2 or xz, recognised by
    /// magic bytes (`decompressingArchive`); otherwise exactly like `applyLayer`.
    @discardableResult
    public mutating func applyArchive(_ source: some ByteSource) throws(FSError) -> AppliedLayer {
        let stream: any ByteSource
        do { stream = try decompressingArchive(source) } catch { throw Self.archiveError(error) }
        return try applyTar(stream)
    }

    private mutating func applyTar<Source: ByteSource>(_ source: Source) throws(FSError) -> AppliedLayer {
        var reader = TarReader(source)
        var report = AppliedLayer()
        var written: Set<[String]> = []
        var opaque: [[String]] = []
        var directoryMetadata: [([String], FileMetadata)] = []
        while true {
            let next: TarHeader?
            do { next = try reader.next() } catch { throw Self.archiveError(error) }
            guard let header = next else { break }
            report.entryCount += 1
            let components = try Self.safeComponents(header.path)
            guard let name = components.last else {
                // The root itself (`./`): only its metadata can change.
                if header.kind == .directory { directoryMetadata.append(([], Self.metadata(of: header))) }
                continue
            }
            let parent = Array(components.dropLast())
            if name.hasPrefix(LayerEntry.whiteoutPrefix) {
                if name == LayerEntry.opaqueMarker {
                    opaque.append(parent)
                } else if !name.hasPrefix(LayerEntry.whiteoutPrefix + LayerEntry.whiteoutPrefix) {
                    // `.wh.`, `.wh..` and `.wh...` name no entry; never let them reach a parent.
                    let hiddenName = String(name.dropFirst(LayerEntry.whiteoutPrefix.count))
                    guard !["", ".", ".."].contains(hiddenName) else {
                        throw .unsafeLayerPath(header.path, reason: "whiteout names no entry")
                    }
                    let hidden = parent + [hiddenName]
                    try ensureDirectory(parent)
                    let resolved = try root.resolve(FSPath.join(hidden), followFinal: false)
                    if resolved.node != nil { place(nil, at: resolved.components, touchParent: false) }
                }
                continue
            }
            try ensureDirectory(parent)
            let path = FSPath.join(components)
            let resolved = try root.resolve(path, followFinal: false)
            let metadata = Self.metadata(of: header)
            if let existing = resolved.node, !(existing.isDirectory && header.kind == .directory) {
                place(nil, at: resolved.components, touchParent: false)
            }
            switch header.kind {
            case .directory:
                if resolved.node?.isDirectory != true {
                    place(.emptyDirectory(metadata), at: resolved.components, touchParent: false)
                }
                directoryMetadata.append((resolved.components, metadata))
            case .file:
                let contents: [UInt8]
                do { contents = try reader.readContents() } catch { throw Self.archiveError(error) }
                let digest = try storeBytes(contents, for: path)
                place(Node(.file(content: digest, size: contents.count, link: nil), metadata: metadata), at: resolved.components, touchParent: false)
            case .symlink:
                place(Node(.symlink(header.linkTarget), metadata: metadata), at: resolved.components, touchParent: false)
            case .fifo:
                place(Node(.fifo, metadata: metadata), at: resolved.components, touchParent: false)
            case .hardlink:
                let target = try Self.safeComponents(header.linkTarget)
                guard !target.isEmpty else { throw .unsafeLayerPath(header.path, reason: "hard link to the root") }
                try hardlink(FSPath.join(target), at: path, touchParent: false)
            default:
                report.skipped.append(path)
            }
            for end in resolved.components.indices { written.insert(Array(resolved.components[...end])) }
        }
        for directory in opaque {
            guard let resolved = try? root.resolve(FSPath.join(directory)), let children = resolved.node?.children else { continue }
            for name in children.names where !written.contains(resolved.components + [name]) {
                place(nil, at: resolved.components + [name], touchParent: false)
            }
        }
        for (components, metadata) in directoryMetadata {
            guard let node = root.node(at: components[...]), node.isDirectory else { continue }
            root = components.isEmpty ? node.with(metadata: metadata) : root.replacing(components[...], with: node.with(metadata: metadata), touch: nil)
        }
        return report
    }

    /// Creates missing directories along `components` (mode 0755), as the applier does for
    /// entries whose parents the layer does not list.
    private mutating func ensureDirectory(_ components: [String]) throws(FSError) {
        guard !components.isEmpty else { return }
        let resolved = try root.resolve(FSPath.join(components))
        if let node = resolved.node {
            if !node.isDirectory { throw .notDirectory(resolved.path) }
            return
        }
        try mkdir(FSPath.join(components), mode: 0o755, parents: true)
    }

    /// The components of a layer entry's name, relative to the root; rejects names that
    /// leave the root through `..`.
    static func safeComponents(_ name: String) throws(FSError) -> [String] {
        var out: [String] = []
        for component in FSPath.components(name) {
            switch component {
            case ".": continue
            case "..":
                guard !out.isEmpty else { throw .unsafeLayerPath(name, reason: "path escapes the root through \"..\"") }
                out.removeLast()
            default: out.append(component)
            }
        }
        return out
    }

    static func metadata(of header: TarHeader) -> FileMetadata {
        FileMetadata(mode: header.mode, uid: header.uid, gid: header.gid, mtime: header.modificationTime, xattrs: header.xattrs)
    }

    static func archiveError(_ error: any Error) -> FSError {
        if let error = error as? ArchiveError { return .archive(error) }
        if let error = error as? FSError { return error }
        return .archive(.badHeader("\(error)"))
    }
}

extension Snapshot {
    /// This snapshot with a layer tar (gzip or not) applied on top.
    public func applying(layer: [UInt8], time: Int = 0) throws(FSError) -> Snapshot {
        var m = mutable(time: time)
        try m.applyLayer(BufferSource(layer))
        return m.commit()
    }
}
