import Foundation
import StrataArchive

/// A file opened read-only, closed when the last reader lets go of it. Reads use `pread`, so
/// several readers can share it without seeking.
final class OpenFile: @unchecked Sendable {
    // `descriptor` is immutable after init and `pread` is safe to call concurrently.
    let descriptor: Int32
    let path: String
    let size: Int

    init(path: String) throws {
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ArchiveError.cannotOpen(path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw ArchiveError.cannotOpen(path)
        }
        self.descriptor = descriptor
        self.path = path
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`, or `ArchiveError.truncated`.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset >= 0, count <= size - offset else { throw ArchiveError.truncated }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < count {
                let n = pread(descriptor, base + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    initialized = done
                    throw ArchiveError.truncated
                }
                done += n
            }
            initialized = count
        }
    }
}

/// `size` bytes of an open file from `offset` on, read in place with large reads: no copy
/// of the file into a store, one copy from the page cache into each returned chunk.
public struct FileRangeSource: ByteSource {
    let file: OpenFile
    private var offset: Int
    private var left: Int

    init(file: OpenFile, offset: Int, size: Int) {
        self.file = file
        self.offset = offset
        left = size
    }

    /// A whole file, such as a layer blob in a content store.
    public init(path: String) throws {
        let file = try OpenFile(path: path)
        self.init(file: file, offset: 0, size: file.size)
    }

    public mutating func read(upTo count: Int) throws -> [UInt8] {
        let want = min(count, left)
        guard want > 0 else { return [] }
        let bytes = try file.read(at: offset, count: want)
        offset += want
        left -= want
        return bytes
    }
}
