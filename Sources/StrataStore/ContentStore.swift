import Foundation
import StrataSupport

/// Blobs addressed by digest, kept on disk under `root/blobs/sha256/<hex>`, plus a small area
/// of named JSON records (`root/records/<name>`) for the image index and the build cache.
///
/// Invariants: a blob's file name is the SHA-256 of its bytes, and a name appears only after
/// the whole file is written (temp file in `root/tmp`, then `rename(2)`), so a concurrent
/// reader never sees a partial blob.
///
/// Durability is chosen per write. A `durable` blob or record (the default: what `strata load`
/// ingests, the image index) is fsynced before its name appears, so it survives a crash. A
/// blob that can be recomputed (a build's layers, configs, manifests, cache records) is
/// written with `durable: false` and not fsynced: after a power loss it may be torn (short
/// or zero-filled) under its final name. That is never trusted silently: every reader that
/// relies on a blob's bytes checks them against the name (`get`, `read`, `openBlob`), a torn
/// blob throws `corruptBlob` and is removed so that the next build writes it again, and a torn
/// record fails to decode and counts as absent. The fsyncs cost more than the rest of a small
/// build put together. The class holds no mutable state, which is what makes it
/// `Sendable`: concurrent writers of the same blob each rename a complete, identical file.
/// Read-modify-write of a record across processes is guarded with `StoreLock`.
public final class ContentStore: Sendable {
    public let root: URL

    /// Opens (creating if needed) the store at `root`.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let rootPath = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        blobPathPrefix = rootPath + "blobs/sha256/"
        recordPathPrefix = rootPath + "records/"
        for directory in ["blobs/sha256", "tmp", "records"] {
            try FileIO.makeDirectories(rootPath + directory)
        }
        blobDirectoryDescriptor = open(blobPathPrefix, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        if blobDirectoryDescriptor >= 0 { close(blobDirectoryDescriptor) }
    }

    /// The blob directory, open, so that `size(of:)` looks up one name rather than the whole
    /// path (a cached build checks the size of every layer it reuses); -1 if it could not be
    /// opened, and then paths are used.
    private let blobDirectoryDescriptor: Int32

    /// `blobDirectory` and `recordDirectory` as path prefixes ending in `/`: a cached build
    /// looks up hundreds of blobs and records, and `URL.appendingPathComponent` costs a `stat`
    /// and an allocation-heavy parse for each.
    let blobPathPrefix: String
    let recordPathPrefix: String

    var blobDirectory: URL { root.appendingPathComponent("blobs/sha256", isDirectory: true) }
    var temporaryDirectory: URL { root.appendingPathComponent("tmp", isDirectory: true) }
    var recordDirectory: URL { root.appendingPathComponent("records", isDirectory: true) }
    /// The file `StoreLock` locks for this store.
    public var lockFile: URL { root.appendingPathComponent("lock") }

    /// Where the blob with `digest` lives (whether or not it is there yet).
    public func url(for digest: Digest) -> URL {
        URL(fileURLWithPath: path(for: digest), isDirectory: false)
    }

    /// The file path of the blob with `digest` (whether or not it is there yet).
    public func path(for digest: Digest) -> String {
        blobPathPrefix + digest.hex
    }

    public func contains(_ digest: Digest) -> Bool {
        var info = stat()
        return stat(path(for: digest), &info) == 0
    }

    /// The blob's size in bytes. (A plain `stat`: Foundation's attributes also look up the
    /// owner's name, reading /etc/passwd on every call.)
    public func size(of digest: Digest) throws -> Int {
        var info = stat()
        let found = blobDirectoryDescriptor >= 0
            ? fstatat(blobDirectoryDescriptor, digest.hex, &info, 0) == 0
            : stat(path(for: digest), &info) == 0
        guard found else { throw StoreError.blobNotFound(digest) }
        return Int(info.st_size)
    }

    /// Stores `bytes` and returns their digest; `durable: false` skips the fsync for content that
    /// can be recomputed (see the type's notes).
    @discardableResult
    public func put(_ bytes: [UInt8], durable: Bool = true) throws -> Digest {
        let digest = Digest.of(bytes)
        if contains(digest) { return digest }
        try writeAtomically(to: path(for: digest), durable: durable) { fd, path in
            try bytes.withUnsafeBytes { raw in try FileIO.writeAll(fd, raw, path: path) }
        }
        return digest
    }

    /// Stores `bytes` only if they hash to `expected`.
    @discardableResult
    public func put(_ bytes: [UInt8], expecting expected: Digest) throws -> Digest {
        let actual = Digest.of(bytes)
        guard actual == expected else { throw StoreError.digestMismatch(expected: expected, actual: actual) }
        return try put(bytes)
    }

    /// Stores what `next` yields, chunk by chunk, until it returns an empty chunk; the content is
    /// never held whole. With `expected`, the blob is kept only if it hashes to it.
    @discardableResult
    public func put(
        streaming next: () throws -> [UInt8], expecting expected: Digest? = nil
    ) throws -> (digest: Digest, size: Int) {
        let writer = try writer()
        while true {
            let chunk = try next()
            if chunk.isEmpty { break }
            try writer.write(chunk)
        }
        return try writer.commit(expecting: expected)
    }

    /// Stores a copy of the file at `file`, streaming it.
    @discardableResult
    public func put(contentsOf file: URL, expecting expected: Digest? = nil) throws -> (digest: Digest, size: Int) {
        let fd = try FileIO.open(file.path, flags: O_RDONLY)
        defer { close(fd) }
        return try put(streaming: { () throws in try FileIO.read(fd, upTo: 1 << 20, path: file.path) }, expecting: expected)
    }

    /// The whole blob, verified against its digest.
    public func get(_ digest: Digest) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try read(digest) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Streams the blob to `body` in chunks, then verifies it; a corrupt blob throws
    /// `corruptBlob` after its last chunk, so callers must not trust what they saw until
    /// this returns.
    public func read(_ digest: Digest, chunk: Int = 1 << 20, _ body: ([UInt8]) throws -> Void) throws {
        let path = path(for: digest)
        let fd = path.withCString { open($0, O_RDONLY) }
        guard fd >= 0 else {
            if errno == ENOENT { throw StoreError.blobNotFound(digest) }
            throw FileIO.error("open", path)
        }
        defer { close(fd) }
        var hasher = SHA256()
        while true {
            let part = try FileIO.read(fd, upTo: chunk, path: path)
            if part.isEmpty { break }
            hasher.update(part)
            try body(part)
        }
        let actual = Digest(sha256: hasher.finalize())
        guard actual == digest else {
            discardCorrupt(digest, readFrom: fd)
            throw StoreError.corruptBlob(digest, actual: actual)
        }
    }

    /// Every blob in the store, sorted.
    public func allDigests() -> [Digest] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: blobDirectory.path)) ?? []
        return names.compactMap { try? Digest(parsing: "sha256:" + $0) }.sorted()
    }

    /// Deletes a blob; deleting a missing blob is not an error.
    public func remove(_ digest: Digest) throws {
        let path = path(for: digest)
        guard unlink(path) == 0 || errno == ENOENT else { throw FileIO.error("remove", path) }
    }

    /// Deletes temporary files left by writers that crashed, once older than `age` seconds
    /// (a live writer's file is younger). Returns how many were removed.
    @discardableResult
    public func removeStaleTemporaryFiles(olderThan age: TimeInterval, now: Date = Date()) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory.path)) ?? []
        var removed = 0
        for name in names {
            let path = temporaryDirectory.appendingPathComponent(name).path
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? now
            if now.timeIntervalSince(modified) >= age && unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    // MARK: - Atomic writes

    struct TemporaryFile {
        let fd: Int32
        let path: String
    }

    func makeTemporaryFile() throws -> TemporaryFile {
        let name = "tmp-\(getpid())-\(UUID().uuidString)"
        let path = temporaryDirectory.path + "/" + name
        let fd = try FileIO.open(path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
        return TemporaryFile(fd: fd, path: path)
    }

    /// Writes a complete file next to its final name and renames it into place.
    ///
    /// `durable` fsyncs the file before the rename; `syncingDirectory` also fsyncs the directory
    /// after it, so that the new name itself survives a crash. Records skip the directory sync
    /// (as docker's `AtomicWriteFile` does for its image index): a crash may then lose the
    /// latest version of a record, leaving the previous complete one, but never tears it.
    func writeAtomically(
        to destination: String, durable: Bool = true, syncingDirectory: Bool = true, _ write: (Int32, String) throws -> Void
    ) throws {
        let temporary = try makeTemporaryFile()
        var renamed = false
        defer { if !renamed { _ = unlink(temporary.path) } }
        do {
            defer { close(temporary.fd) }
            try write(temporary.fd, temporary.path)
            if durable { try FileIO.fsync(temporary.fd, path: temporary.path) }
        }
        try FileIO.rename(temporary.path, destination)
        renamed = true
        if durable && syncingDirectory, let slash = destination.lastIndex(of: "/") {
            FileIO.syncDirectory(String(destination[..<slash]))
        }
    }
}
