import Foundation
import StrataSupport

/// Reads a blob in chunks and checks, when the last chunk has been read, that the bytes hash
/// to the blob's name; a mismatch throws `corruptBlob` and removes the file, so the next
/// writer of that content stores it again.
///
/// This is what lets the store skip `fsync` for blobs that can be recomputed (`durable:
/// false`): after a crash such a blob may be torn (short, or holding zeros), and every reader
/// that trusts a blob's bytes must find that out before relying on them. Callers must not
/// trust what they read until the end-of-stream read has returned without throwing.
public final class BlobReader {
    public let digest: Digest
    private let store: ContentStore
    private let fd: Int32
    private let path: String
    private var hasher = SHA256()
    private var finished = false

    init(store: ContentStore, digest: Digest) throws {
        self.store = store
        self.digest = digest
        path = store.path(for: digest)
        fd = path.withCString { open($0, O_RDONLY) }
        guard fd >= 0 else {
            if errno == ENOENT { throw StoreError.blobNotFound(digest) }
            throw FileIO.error("open", path)
        }
    }

    deinit { close(fd) }

    /// Read ahead of the consumer: a tar reader asks for 512-byte headers, and one system call
    /// each would cost more than the bytes.
    private var buffer: [UInt8] = []
    private var bufferOffset = 0
    static let readAhead = 1 << 16

    /// Up to `count` bytes; empty at the end, after the digest was checked.
    public func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0, !finished else { return [] }
        if bufferOffset < buffer.count {
            let end = min(buffer.count, bufferOffset + count)
            defer { bufferOffset = end }
            return Array(buffer[bufferOffset..<end])
        }
        let part = try FileIO.read(fd, upTo: max(count, Self.readAhead), path: path)
        if part.isEmpty {
            finished = true
            let actual = Digest(sha256: hasher.finalize())
            guard actual == digest else {
                store.discardCorrupt(digest, readFrom: fd)
                throw StoreError.corruptBlob(digest, actual: actual)
            }
            return []
        }
        hasher.update(part)
        guard part.count > count else { return part }
        buffer = part
        bufferOffset = count
        return Array(part[0..<count])
    }
}

extension BlobReader {
    /// Reads whatever the consumer left (a tar reader stops at the end-of-archive blocks, and a
    /// zero-filled torn blob looks like an empty archive) and checks the digest.
    public func finish() throws {
        while try !read(upTo: 1 << 20).isEmpty {}
    }
}

extension ContentStore {
    /// Checks that the blob's bytes hash to its name, reading it in chunks; a corrupt blob
    /// throws `corruptBlob` and is removed.
    public func verify(_ digest: Digest) throws {
        try openBlob(digest).finish()
    }

    /// A verifying reader of the blob `digest`.
    public func openBlob(_ digest: Digest) throws -> BlobReader {
        try BlobReader(store: self, digest: digest)
    }

    /// Removes a blob found corrupt, if the file at its name is still the one that was read
    /// (a concurrent writer may have renamed a good copy into place meanwhile).
    func discardCorrupt(_ digest: Digest, readFrom fd: Int32) {
        var opened = stat()
        var current = stat()
        let path = path(for: digest)
        guard fstat(fd, &opened) == 0, lstat(path, &current) == 0,
            opened.st_ino == current.st_ino, opened.st_dev == current.st_dev
        else { return }
        unlink(path)
    }
}
