import StrataArchive
import StrataFS
import StrataLLB
import StrataShell
import StrataSupport

extension BuildExecutor {
    /// Applies a file op (COPY, ADD, WORKDIR's mkdir) to input 0; the diff becomes a layer.
    func apply(_ op: FileOp, vertex: Vertex, inputs: [SolvedState]) throws -> SolvedState {
        guard let input = inputs.first else { throw ExecError.unsupported("file op has no destination filesystem") }
        var fs = try input.snapshot.mutable(time: stepTime(over: input))
        var provenance = input.provenance
        for action in op.actions {
            switch action {
            case .mkdir(let path, let mode, let parents, let owner):
                let (uid, gid) = try owner.map { try Accounts(snapshot: fs.commit()).owner(ownerSpec($0)) } ?? (0, 0)
                if !fs.exists(path) { try fs.mkdir(path, mode: mode, uid: uid, gid: gid, parents: parents) }
            case .mkfile(let path, let content, let mode, let owner):
                let (uid, gid) = try owner.map { try Accounts(snapshot: fs.commit()).owner(ownerSpec($0)) } ?? (0, 0)
                try fs.writeFile(path, content, mode: mode, uid: uid, gid: gid)
            case .remove(let path, let allowNotFound):
                if fs.exists(path) { try fs.remove(path, recursive: true) } else if !allowNotFound { throw FSError.noEntry(path) }
            case .copy(let copy):
                guard copy.from < inputs.count else { throw ExecError.unsupported("copy source input \(copy.from) is missing") }
                let source = inputs[copy.from]
                try self.copy(copy, from: source, into: &fs, provenance: &provenance)
            }
        }
        return try commit(fs.commit(), over: input, provenance: provenance, vertex: vertex)
    }

    /// The tree of `bytes` when they are a tar archive, plain or compressed with gzip, bzip2 or
    /// xz (told by magic bytes, never by file name), as BuildKit's ADD detects one: the first
    /// header must read; nil for anything else, which is then copied as a file.
    func unpackedArchive(_ bytes: [UInt8], time: Int) -> Snapshot? {
        guard let stream = try? decompressingArchive(BufferSource(bytes)) else { return nil }
        var reader = TarReader(AnyByteSource(stream))
        guard (try? reader.next()) != nil else { return nil }
        var fs = Snapshot.empty(store: blobs).mutable(time: time)
        guard (try? fs.applyArchive(BufferSource(bytes))) != nil else { return nil }
        return fs.commit()
    }

    private func ownerSpec(_ owner: Owner) -> String {
        owner.group.map { "\(owner.user):\($0)" } ?? owner.user
    }

    /// COPY semantics: a directory copies its contents, a file goes to `dest/NAME` when the
    /// destination ends in `/` or is a directory (else to `dest` itself), missing destination
    /// directories are created (0755, root), modes and mtimes are kept, `--chown`/`--chmod` apply
    /// to everything copied.
    private func copy(_ copy: CopyAction, from source: SolvedState, into fs: inout MutableSnapshot, provenance: inout [String: Provenance]) throws {
        let owner = try copy.owner.map { try Accounts(snapshot: fs.commit()).owner(ownerSpec($0)) }
        let mode = copy.mode.flatMap { UInt32($0, radix: 8) }
        let sourceTree = try source.snapshot
        var matches: [String] = []
        for pattern in copy.sources {
            let found = try CopySources.match(pattern, in: sourceTree, allowWildcards: copy.allowWildcards)
            if found.isEmpty && !copy.allowEmptyWildcard { throw ExecError.copySourceMissing(FSPath.normalize("/" + pattern)) }
            matches += found
        }
        let destination = copy.destination
        // Several matches do not make the destination a directory: BuildKit copies each onto a
        // destination without a trailing `/` in turn, the last one winning (moby/buildkit#1853).
        let destinationIsDirectory = destination.hasSuffix("/") || (try? fs.stat(destination))?.kind == .directory
        let destinationPath = FSPath.normalize(destination)
        for match in matches {
            let top = try sourceTree.stat(match, followSymlinks: copy.followSymlinks)
            if copy.extractArchives, top.kind == .file, let archive = unpackedArchive(try sourceTree.readFile(match), time: fs.time) {
                // ADD of a local tar (plain, gzip, bzip2 or xz) extracts it into the destination, which is
                // then a directory even without a trailing `/`; owners and modes come from the tar.
                if !fs.exists(destinationPath) { try fs.mkdir(destinationPath, mode: 0o755, parents: true) }
                for info in archive.entries(below: "/") where info.path != "/" {
                    try fs.place(info, at: destinationPath == "/" ? info.path : destinationPath + info.path, from: archive)
                }
                continue
            }
            let target: String
            if top.kind == .directory && copy.copyDirectoryContents {
                target = destinationPath
            } else if destinationIsDirectory {
                let name = match.split(separator: "/").last.map(String.init) ?? ""
                target = destinationPath == "/" ? "/" + name : destinationPath + "/" + name
            } else {
                target = destinationPath
            }
            let parent = FSPath.parent(of: target)
            if !fs.exists(parent) { try fs.mkdir(parent, mode: 0o755, parents: true) }
            let base = top.path
            var items = top.kind == .directory ? sourceTree.entries(below: base) : [top]
            if top.kind == .directory && base == "/" {
                // The context root itself is not an entry: give the destination its metadata.
                items.insert(top, at: 0)
            }
            for info in items {
                let relative = info.path == base ? "" : (base == "/" ? info.path : String(info.path.dropFirst(base.count)))
                let path = relative.isEmpty ? target : (target == "/" ? relative : target + relative)
                var metadata = info.metadata
                if let owner {
                    metadata.uid = owner.uid
                    metadata.gid = owner.gid
                }
                // --chmod reaches everything copied except a copied directory's own top, which
                // BuildKit leaves as it was (`COPY --chmod=700 dir /d7` keeps d7 0755); --chown does.
                if let mode, info.kind != .symlink, !(relative.isEmpty && info.kind == .directory) {
                    metadata.mode = (metadata.mode & ~0o7777) | mode
                }
                // The context (and inline content) carries the epoch as mtime; BuildKit keeps the
                // host's mtimes, which are later than the base image's, so a copy identical to a
                // base file is still a change. The step's time stands in for them.
                if source.isBuildInput { metadata.mtime = fs.time }
                if relative.isEmpty && info.kind == .directory && path == "/" { continue }
                try fs.place(info, at: path, from: sourceTree, metadata: metadata)
                if let value = source.provenance[info.path] { provenance[path] = value.applying(.copied) }
            }
        }
    }
}
