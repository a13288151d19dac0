import Foundation
import StrataSupport

/// A blob being written in pieces: push chunks with `write`, then `commit` to give it its
/// name in the store, or drop it with `discard` (also what happens if it is never committed).
///
/// For producers that push (a tar reader handing over an entry's contents) where
/// `ContentStore.put(streaming:)` would need them to be pulled. Owned by one thread at a time.
public final class BlobWriter {
    private let store: ContentStore
    private let temporary: ContentStore.TemporaryFile
    private var hasher = SHA256()
    private var closed = false
    /// Bytes written so far.
    public private(set) var size = 0
    /// After `commit`: whether the blob was new to the store (false when it was already there).
    public private(set) var createdBlob = false

    init(store: ContentStore) throws {
        self.store = store
        self.temporary = try store.makeTemporaryFile()
    }

    deinit { discard() }

    public func write(_ chunk: [UInt8]) throws {
        precondition(!closed, "write after commit or discard")
        hasher.update(chunk)
        size += chunk.count
        try chunk.withUnsafeBytes { raw in try FileIO.writeAll(temporary.fd, raw, path: temporary.path) }
    }

    /// Syncs the data and renames it into place; with `expected`, keeps it only if the digest matches.
    @discardableResult
    public func commit(expecting expected: Digest? = nil) throws -> (digest: Digest, size: Int) {
        precondition(!closed, "commit after commit or discard")
        closed = true
        defer { _ = unlink(temporary.path) }
        do {
            defer { close(temporary.fd) }
            try FileIO.fsync(temporary.fd, path: temporary.path)
        }
        let digest = Digest(sha256: hasher.finalize())
        if let expected, expected != digest { throw StoreError.digestMismatch(expected: expected, actual: digest) }
        if !store.contains(digest) {
            createdBlob = true
            try FileIO.rename(temporary.path, store.path(for: digest))
            FileIO.syncDirectory(store.blobDirectory.path)
        }
        return (digest, size)
    }

    /// Drops what was written.
    public func discard() {
        guard !closed else { return }
        closed = true
        close(temporary.fd)
        unlink(temporary.path)
    }
}

extension ContentStore {
    /// A writer for a blob whose bytes arrive in pieces.
    public func writer() throws -> BlobWriter { try BlobWriter(store: self) }
}
