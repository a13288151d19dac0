import StrataArchive
import StrataLLB
import StrataSolver
import StrataStore
import StrataSupport
import StrataVerify

extension BuilderAudit {
    /// The empty files and directories `RUN --mount` leaves in the final image's layers: the
    /// mount point of a cache, tmpfs or directory bind (`/root/.cache`), and the parents runc
    /// creates for a file mount (`/run/secrets` for a secret). BuildKit keeps them, and so
    /// does Strata; they hold no secret bytes, so they are `info` findings that never fail an
    /// audit, but they tell anyone reading the image which mounts its build used.
    ///
    /// Only entries that are empty *in the layer* count: a directory the step also wrote
    /// files into is the step's output, not residue.
    func mountResidueFindings(layers: [LayerBlob]) throws -> [Finding] {
        var steps: [String: (vertex: Vertex, exec: ExecOp)] = [:]
        for vertex in converted.targetClosure {
            guard case .exec(let exec) = vertex.op, !exec.mounts.isEmpty else { continue }
            steps[vertex.name] = (vertex, exec)
        }
        var findings: [Finding] = []
        for (index, layer) in layers.enumerated() {
            guard let name = layer.createdBy, let (vertex, exec) = steps[name] else { continue }
            let candidates = Self.residueCandidates(exec.mounts)
            guard !candidates.isEmpty else { continue }
            let entries = try layerEntries(layer)
            let step = converted.steps[vertex.id]
            for (path, mount) in candidates.sorted(by: { $0.key < $1.key }) {
                guard let entry = entries[path] else { continue }
                let kind: String
                switch entry.kind {
                case .directory where !entries.keys.contains(where: { $0.hasPrefix(path + "/") }): kind = "empty-directory"
                case .file where entry.size == 0: kind = "empty-file"
                default: continue
                }
                findings.append(Finding(
                    secret: Finding.mountResidueRule, severity: .info, place: .layer, layer: index, path: path,
                    encoding: kind, length: 0,
                    introducedBy: Origin(
                        line: step?.line, instruction: step?.instruction,
                        stage: step.flatMap { $0.stageName.isEmpty ? nil : $0.stageName }, createdBy: name),
                    mount: Self.reference(mount)))
            }
        }
        return findings
    }

    /// Paths (no leading slash) a mount can leave behind, each with the mount it belongs to:
    /// its target and every directory above it. When mounts share a path (two secrets under
    /// `/run/secrets`), the one whose target it is wins, else the first.
    static func residueCandidates(_ mounts: [Mount]) -> [String: Mount] {
        var candidates: [String: Mount] = [:]
        var isTarget: Set<String> = []
        for mount in mounts where !mount.target.isEmpty {
            var path = String(mount.target.drop { $0 == "/" })
            while path.hasSuffix("/") { path.removeLast() }
            guard !path.isEmpty else { continue }
            if !isTarget.contains(path) {
                candidates[path] = mount
                isTarget.insert(path)
            }
            var parent = path
            while let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
                if candidates[parent] == nil { candidates[parent] = mount }
            }
        }
        return candidates
    }

    static func reference(_ mount: Mount) -> MountReference {
        switch mount.kind {
        case .secret(let id, _, _, _, _, _): MountReference(type: "secret", id: id, target: mount.target)
        case .cache(let id, _, _, _, _, _): MountReference(type: "cache", id: id, target: mount.target)
        case .bind(_, let source, _): MountReference(type: "bind", target: mount.target, source: source)
        case .tmpfs: MountReference(type: "tmpfs", target: mount.target)
        case .ssh(let id, _, _, _, _): MountReference(type: "ssh", id: id, target: mount.target)
        }
    }

    /// A layer's entries by normalized path (no `./`, no leading or trailing slash), read as a
    /// stream of headers: contents are skipped, never held.
    func layerEntries(_ layer: LayerBlob) throws -> [String: (kind: TarHeader.Kind, size: Int)] {
        let source = try decompressingIfNeeded(try FileSource(path: store.url(for: layer.digest).path))
        return try Self.entries(of: source)
    }

    private static func entries<Source: ByteSource>(of source: Source) throws -> [String: (kind: TarHeader.Kind, size: Int)] {
        var reader = TarReader(source)
        var entries: [String: (kind: TarHeader.Kind, size: Int)] = [:]
        while let header = try reader.next() {
            var path = Substring(header.path)
            while path.hasPrefix("./") { path = path.dropFirst(2) }
            while path.hasPrefix("/") { path = path.dropFirst() }
            while path.hasSuffix("/") { path = path.dropLast() }
            guard !path.isEmpty && path != "." else { continue }
            entries[String(path)] = (header.kind, header.size)
        }
        return entries
    }
}
