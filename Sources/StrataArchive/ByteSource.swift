import Foundation

/// A forward-only stream of bytes: a file, an in-memory buffer or a decompressor.
///
/// Readers of untrusted archives take a `ByteSource` so that a layer is read once, in
/// bounded chunks, and never has to be held whole in memory.
public protocol ByteSource {
    /// Up to `count` bytes. A source may return fewer (a decompressor returns what one
    /// inflate step produced); only an empty result means the stream has ended. Callers that
    /// need a whole record use `readExactly`.
    mutating func read(upTo count: Int) throws -> [UInt8]
}

extension ByteSource {
    /// Exactly `count` bytes, or `ArchiveError.truncated`.
    /// Reads in bounded chunks, so a hostile size in a header costs memory only for bytes
    /// that actually arrive.
    public mutating func readExactly(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            let more = try read(upTo: min(count - out.count, 1 << 20))
            if more.isEmpty { throw ArchiveError.truncated }
            // The common case, one read: hand its array over instead of copying it.
            if out.isEmpty { out = more } else { out.append(contentsOf: more) }
        }
        return out
    }

    /// Reads and drops `count` bytes.
    public mutating func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            let chunk = try read(upTo: min(left, 1 << 20))
            if chunk.isEmpty { throw ArchiveError.truncated }
            left -= chunk.count
        }
    }

    /// Everything that is left, refusing to hold more than `limit` bytes.
    public mutating func readAll(limit: Int = Int.max) throws -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let chunk = try read(upTo: 1 << 20)
            if chunk.isEmpty { return out }
            out.append(contentsOf: chunk)
            if out.count > limit { throw ArchiveError.tooLarge(limit: limit) }
        }
    }
}

/// Bytes already in memory.
public struct BufferSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ data: Data) { self.bytes = [UInt8](data) }

    public mutating func read(upTo count: Int) throws -> [UInt8] {
        let end = offset + min(max(count, 0), bytes.count - offset)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// A file read in chunks through a `FileHandle`, reading ahead 64 KiB at a time: a tar reader
/// asks for 512-byte headers, and a system call for each costs more than the bytes.
///
/// Copies share one read position (the handle's, and the read-ahead with it), as copies of the
/// plain `FileHandle` wrapper always did.
public struct FileSource: ByteSource {
    private final class Reader {
        let handle: FileHandle
        var buffer: [UInt8] = []
        var offset = 0

        init(handle: FileHandle) { self.handle = handle }
    }

    private let reader: Reader
    static let readAhead = 1 << 16

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ArchiveError.cannotOpen(path) }
        reader = Reader(handle: handle)
    }

    public mutating func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        if reader.offset >= reader.buffer.count {
            let chunk = [UInt8](try reader.handle.read(upToCount: max(count, Self.readAhead)) ?? Data())
            guard chunk.count > count else { return chunk }
            reader.buffer = chunk
            reader.offset = 0
        }
        let end = min(reader.buffer.count, reader.offset + count)
        defer { reader.offset = end }
        return Array(reader.buffer[reader.offset..<end])
    }
}

/// Reads gzip if the stream starts with gzip's magic, the bytes as they are otherwise.
public func decompressingIfNeeded(_ source: some ByteSource, limit: Int = GzipSource.defaultLimit) throws -> any ByteSource {
    var peek = PeekableSource(source)
    let head = try peek.peek(2)
    if head == [0x1f, 0x8b] { return try GzipSource(peek, limit: limit) }
    return peek
}

/// A source that can look at its next bytes without consuming them.
public struct PeekableSource<Base: ByteSource>: ByteSource {
    private var base: Base
    private var pending: [UInt8] = []

    public init(_ base: Base) { self.base = base }

    public mutating func peek(_ count: Int) throws -> [UInt8] {
        while pending.count < count {
            let more = try base.read(upTo: count - pending.count)
            if more.isEmpty { break }
            pending.append(contentsOf: more)
        }
        return Array(pending.prefix(count))
    }

    public mutating func read(upTo count: Int) throws -> [UInt8] {
        if !pending.isEmpty {
            let take = min(count, pending.count)
            defer { pending.removeFirst(take) }
            return Array(pending.prefix(take))
        }
        return try base.read(upTo: count)
    }
}

/// Any source as a concrete type, so that the result of `decompressingIfNeeded` can feed a
/// generic reader: `TarReader(AnyByteSource(try decompressingIfNeeded(source)))`.
public struct AnyByteSource: ByteSource {
    private var base: any ByteSource

    public init(_ base: any ByteSource) { self.base = base }

    public mutating func read(upTo count: Int) throws -> [UInt8] { try base.read(upTo: count) }
}
