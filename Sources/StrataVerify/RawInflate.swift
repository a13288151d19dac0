import CZlib
import StrataArchive

/// Inflates a raw deflate stream (no gzip or zlib header), as zip entries store them.
enum RawInflate {
    /// Streams the decompressed bytes to `body` in chunks of up to 64 KiB, refusing more
    /// than `limit` bytes in all; returns how many bytes were produced.
    @discardableResult
    static func decompress(_ input: ArraySlice<UInt8>, limit: Int, _ body: ([UInt8]) -> Void) throws -> Int {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ArchiveError.gzip("inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var input = Array(input)
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = input.count
        try input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(count)
            while true {
                let (status, produced) = buffer.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, outBuffer.count - Int(stream.avail_out))
                }
                total += produced
                if total > limit { throw ArchiveError.tooLarge(limit: limit) }
                if produced > 0 { body(Array(buffer[0..<produced])) }
                switch status {
                case Z_STREAM_END: return
                case Z_OK where produced > 0 || stream.avail_in > 0: continue
                case Z_OK, Z_BUF_ERROR: throw ArchiveError.truncated
                default: throw ArchiveError.gzip("raw deflate stream is corrupt (\(status))")
                }
            }
        }
        return total
    }
}
