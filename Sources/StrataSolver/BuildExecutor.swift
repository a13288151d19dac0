import Foundation
import StrataArchive
import StrataFS
import StrataLLB
import StrataShell
import StrataStore
import StrataSupport

/// Runs a build's vertices over immutable snapshots: image and context sources, simulated
/// `RUN`s, and file ops; each exec or file step's diff becomes a layer blob in the store.
///
/// Cache records hold the step's layer (and the provenance of the files it wrote), so a cache
/// hit rebuilds the step's filesystem by applying that layer to its input. Secret values are
/// never part of a record or a key.
public final class BuildExecutor: VertexExecutor, @unchecked Sendable {
    public typealias Result = SolvedState

    /// What the executor needs from outside the solver.
    public struct Environment {
        /// Resolves an image reference to its filesystem and layers.
        public var resolveImage: (String) throws -> SolvedState
        /// The build context by name (the main one is "context"), already filtered by .dockerignore.
        public var loadContext: (String) throws -> Snapshot
        /// Resolved secrets by id. Held in memory only for the build.
        public var secrets: [String: [UInt8]]
        /// The mtime of everything the build writes (SOURCE_DATE_EPOCH, default 0).
        public var epoch: Int
        public var limits: ShellLimits

        public init(
            resolveImage: @escaping (String) throws -> SolvedState, loadContext: @escaping (String) throws -> Snapshot,
            secrets: [String: [UInt8]], epoch: Int = 0, limits: ShellLimits = ShellLimits()
        ) {
            self.resolveImage = resolveImage
            self.loadContext = loadContext
            self.secrets = secrets
            self.epoch = epoch
            self.limits = limits
        }
    }

    let store: ContentStore
    let blobs: any BlobStore
    let environment: Environment
    /// Records read from a root's record set (`prepareCache`), by key.
    var memoizedRecords: [Digest: CacheRecord] = [:]
    /// Every record this build hit or stored, by key, for `finishCache`.
    var knownRecords: [Digest: CacheRecord] = [:]
    /// The record sets read or written, by root key.
    var loadedRecordSets: [Digest: CacheRecordSet] = [:]
    /// How many records this build stored.
    var storedRecords = 0
    /// Which secrets' bytes showed up in step output (before redaction), by vertex name.
    public internal(set) var logExposures: [(vertex: String, secret: String)] = []

    public init(store: ContentStore, blobs: any BlobStore, environment: Environment) {
        self.store = store
        self.blobs = blobs
        self.environment = environment
    }

    public func isCacheable(_ vertex: Vertex) -> Bool {
        if case .source = vertex.op { return false }
        return true
    }

    public func execute(_ vertex: Vertex, inputs: [SolvedState], log: (String) -> Void) throws -> SolvedState {
        switch vertex.op {
        case .source(let source): return try resolve(source)
        case .exec(let exec): return try run(exec, vertex: vertex, inputs: inputs, log: log)
        case .file(let file): return try apply(file, vertex: vertex, inputs: inputs)
        }
    }

    private func resolve(_ source: SourceOp) throws -> SolvedState {
        switch source {
        case .scratch:
            return SolvedState(snapshot: .empty(store: blobs), layers: [])
        case .image(let reference):
            return try environment.resolveImage(reference)
        case .context(let name, _, _):
            return SolvedState(snapshot: try environment.loadContext(name), layers: [], isBuildInput: true)
        case .inline(let files):
            var fs = Snapshot.empty(store: blobs).mutable(time: environment.epoch)
            for file in files {
                try fs.mkdir(FSPath.parent(of: file.path), parents: true)
                try fs.writeFile(file.path, file.content, mode: file.mode)
            }
            return SolvedState(snapshot: fs.commit(), layers: [], isBuildInput: true)
        }
    }

    /// Turns a step's result into the next state: the diff against its input becomes a layer.
    func commit(_ upper: Snapshot, over input: SolvedState, provenance: [String: Provenance], vertex: Vertex) throws -> SolvedState {
        let tar = try LayerWriter.tar(from: try input.snapshot, to: upper)
        let digest = try store.put(tar, durable: false)
        let layer = LayerBlob(digest: digest, diffID: digest, size: tar.count, mediaType: LayerBlob.uncompressedMediaType, createdBy: vertex.name)
        return SolvedState(over: input, adding: layer, provenance: provenance, tree: LazySnapshot(upper))
    }

    /// The mtime a step gives what it writes: the epoch plus the number of layers the step's
    /// result will have. Each step of a chain gets a later, distinct time, as a real build's
    /// clock would, so that the differ sees a `touch` or an identical rewrite (BuildKit stores
    /// those files); yet the time depends only on the inputs, so builds stay reproducible.
    func stepTime(over input: SolvedState) -> Int {
        environment.epoch + input.layerCount + 1
    }

    // MARK: Cache

    /// A cache hit: the recorded layer on top of the input's layers. Its tree is made only if a
    /// later step reads it, by applying the layer (verified against its digest) to the input's.
    public func cachedResult(for key: Digest, vertex: Vertex, inputs: [SolvedState]) throws -> SolvedState? {
        guard let input = inputs.first,
            let record = try memoizedRecords[key] ?? cacheRecord(for: key),
            // A blob cut short by a crash (the store does not fsync recomputable blobs) shows
            // here already; one damaged in place shows when it is read and verified.
            (try? store.size(of: record.layer.digest)) == record.layer.size
        else { return nil }
        knownRecords[key] = record
        var provenance = input.provenance
        for (path, labels) in record.provenance { provenance[path] = Provenance(labels: labels) }
        let store = self.store
        let epoch = environment.epoch
        let tree = LazySnapshot {
            var fs = try input.snapshot.mutable(time: epoch)
            let blob = try store.openBlob(record.layer.digest)
            try fs.applyLayer(blob)
            try blob.finish()
            return fs.commit()
        }
        return SolvedState(over: input, adding: record.layer, provenance: provenance, tree: tree)
    }

    public func store(_ result: SolvedState, for key: Digest, vertex: Vertex, inputs: [SolvedState]) throws {
        guard let layer = result.lastLayer, let input = inputs.first, result.layerCount == input.layerCount + 1 else { return }
        var provenance: [String: [String]] = [:]
        for (path, value) in result.provenance where input.provenance[path] != value { provenance[path] = value.labels }
        let record = CacheRecord(layer: layer, provenance: provenance)
        try store.writeRecord(Self.recordName(key), Data(record.encoded), durable: false)
        knownRecords[key] = record
        storedRecords += 1
    }

    /// Loads the records kept under a root's key by an earlier build of the same graph.
    public func prepareCache(root key: Digest) throws {
        guard let bytes = try store.readRecordBytes(Self.recordSetName(key)), let set = CacheRecordSet(decoding: bytes) else { return }
        loadedRecordSets[key] = set
        for (key, record) in set.records { memoizedRecords[key] = record }
    }

    /// Keeps the records of every step the root needed under its key, unless the same set is
    /// there already (a fully cached rebuild writes nothing).
    public func finishCache(root key: Digest, keys: [Digest]) throws {
        // Nothing stored and the same steps as the set read for this root: the hits came from
        // it, so it is unchanged (checked by keys alone, without building the new set).
        if storedRecords == 0, let loaded = loadedRecordSets[key], loaded.records.count == keys.count,
            zip(loaded.records, keys).allSatisfy({ $0.key == $1 }) {
            return
        }
        var seen: Set<Digest> = []
        let set = CacheRecordSet(records: keys.compactMap { key in
            guard seen.insert(key).inserted, let record = knownRecords[key] else { return nil }
            return (key, record)
        })
        guard !set.records.isEmpty, set != loadedRecordSets[key] else { return }
        try store.writeRecord(Self.recordSetName(key), Data(set.encoded), durable: false)
        loadedRecordSets[key] = set
    }

    static func recordSetName(_ key: Digest) -> String { "cache2-build-" + key.hex }

    /// Cache records are named for their key; `cache2-` since records became binary (the
    /// JSON `cache-` records of earlier versions are never read).
    static func recordName(_ key: Digest) -> String { "cache2-" + key.hex }

    /// The record for `key`; nil when there is none or it is torn.
    func cacheRecord(for key: Digest) throws -> CacheRecord? {
        try store.readRecordBytes(Self.recordName(key)).flatMap(CacheRecord.init(decoding:))
    }

    // MARK: Content keys

    /// An image source is keyed by the layers its reference resolves to (the diff IDs in
    /// order): a base image rebuilt or re-tagged under the same name gives new keys, where the
    /// name alone would answer later steps from the old image's cache. (Its config reaches the
    /// keys through the ops the frontend made from it.)
    public func sourceKey(for vertex: Vertex) throws -> Digest? {
        guard case .source(.image(let reference)) = vertex.op else { return nil }
        let state = try environment.resolveImage(reference)
        return Digest.of(text: "image-layers\n" + state.layers.map(\.diffID.hex).joined(separator: "\n"))
    }

    public func inputsNeededForKeys(of vertex: Vertex) -> [Int] {
        var needed: Set<Int> = []
        switch vertex.op {
        case .file(let op):
            for action in op.actions { if case .copy(let copy) = action { needed.insert(copy.from) } }
        case .exec(let exec):
            for mount in exec.mounts { if case .bind(let input, _, _) = mount.kind, input > 0 { needed.insert(input) } }
        case .source:
            break
        }
        return needed.sorted()
    }

    /// A RUN's bind mounts are keyed by the content they show (the bound path's names, modes
    /// and bytes), as BuildKit keys exec inputs with a selector: changing a bound context file
    /// re-runs the step, changing another file of the context does not.
    func bindMountKeys(_ exec: ExecOp, for vertex: Vertex, inputs: [Digest: SolvedState]) -> [Int: Digest] {
        var hashers: [Int: SHA256] = [:]
        for mount in exec.mounts {
            guard case .bind(let index, let source, _) = mount.kind, index > 0, index < vertex.inputs.count,
                let state = inputs[vertex.inputs[index]]
            else { continue }
            var hasher = hashers[index] ?? SHA256()
            hasher.update(Array(source.utf8) + [0])
            guard let snapshot = try? state.snapshot else { continue }
            snapshot.walkChecksum(from: FSPath.normalize("/" + source), into: &hasher)
            hashers[index] = hasher
        }
        return hashers.mapValues { hasher in
            var hasher = hasher
            return Digest(sha256: hasher.finalize())
        }
    }

    /// A COPY is keyed by the content it copies (paths, modes and bytes of the matched sources),
    /// as BuildKit's content-based cache keys are.
    public func contentKeys(for vertex: Vertex, inputs: [Digest: SolvedState]) throws -> [Int: Digest] {
        if case .exec(let exec) = vertex.op { return bindMountKeys(exec, for: vertex, inputs: inputs) }
        guard case .file(let op) = vertex.op else { return [:] }
        var keys: [Int: Digest] = [:]
        for action in op.actions {
            guard case .copy(let copy) = action, copy.from < vertex.inputs.count, let state = inputs[vertex.inputs[copy.from]] else { continue }
            var hasher = SHA256()
            let snapshot = try state.snapshot
            for source in copy.sources {
                for match in (try? CopySources.match(source, in: snapshot, allowWildcards: copy.allowWildcards)) ?? [] {
                    snapshot.walkChecksum(from: match, into: &hasher)
                }
                hasher.update(Array(source.utf8) + [0])
            }
            keys[copy.from] = Digest(sha256: hasher.finalize())
        }
        return keys
    }
}

extension Provenance {
    /// A compact, order-stable form for cache records: secret ids then `>transform`s.
    var labels: [String] { secrets.sorted() + transforms.map { ">" + $0.rawValue } }

    init(labels: [String]) {
        self.init(
            secrets: Set(labels.filter { !$0.hasPrefix(">") }),
            transforms: labels.filter { $0.hasPrefix(">") }.compactMap { Transform(rawValue: String($0.dropFirst())) })
    }
}
