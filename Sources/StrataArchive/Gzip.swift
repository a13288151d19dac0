import CZlib

/// gzip through system zlib.
public enum Gzip {
    /// Compresses deterministically: no name, mtime 0, so equal input gives equal output.
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ArchiveError.gzip("deflateInit failed")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ArchiveError.gzip("deflate failed (\(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// Decompresses a whole gzip stream (all members), refusing output past `limit`.
    public static func decompress(_ input: [UInt8], limit: Int = GzipSource.defaultLimit) throws -> [UInt8] {
        var source = try GzipSource(BufferSource(input), limit: limit)
        return try source.readAll()
    }
}

/// Inflates a gzip stream incrementally, so a compressed layer is never held whole.
/// Concatenated members are read as one stream, as `gzip -d` does.
public final class GzipSource: ByteSource {
    /// 16 GiB: far above any real layer, low enough to stop a decompression bomb.
    public static let defaultLimit = 16 << 30

    private var base: any ByteSource
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var finished = false
    private var produced = 0
    private let limit: Int

    public init(_ base: some ByteSource, limit: Int = GzipSource.defaultLimit) throws {
        self.base = base
        self.limit = limit
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ArchiveError.gzip("inflateInit failed")
        }
    }

    deinit { inflateEnd(&stream) }

    public func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0, !finished else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        var written = 0
        while written == 0 && !finished {
            if inputOffset >= input.count {
                input = try base.read(upTo: 1 << 16)
                inputOffset = 0
                if input.isEmpty { throw ArchiveError.gzip("unexpected end of stream") }
            }
            let (status, consumed, out) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    // Both buffers are non-empty here; a missing base is reported as no progress.
                    guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return (Z_BUF_ERROR, 0, 0) }
                    stream.next_in = inBase + inputOffset
                    stream.avail_in = uInt(inBuffer.count - inputOffset)
                    stream.next_out = outBase + written
                    stream.avail_out = uInt(count - written)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, inBuffer.count - inputOffset - Int(stream.avail_in), count - written - Int(stream.avail_out))
                }
            }
            inputOffset += consumed
            written += out
            switch status {
            case Z_OK, Z_BUF_ERROR where consumed > 0 || out > 0:
                break
            case Z_STREAM_END:
                // Another member may follow; anything else after the end is ignored, like gzip does with trailing zeros.
                if inputOffset >= input.count {
                    input = try base.read(upTo: 1 << 16)
                    inputOffset = 0
                }
                if inputOffset < input.count && input[inputOffset] == 0x1f {
                    inflateReset(&stream)
                } else {
                    finished = true
                }
            default:
                throw ArchiveError.gzip(stream.msg.map { String(cString: $0) } ?? "inflate error \(status)")
            }
        }
        produced += written
        if produced > limit { throw ArchiveError.tooLarge(limit: limit) }
        return Array(output.prefix(written))
    }
}
