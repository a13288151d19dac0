import CLzma

/// Inflates an xz stream incrementally through system liblzma, as `xz -d` reads it:
/// concatenated streams and stream padding are accepted (`LZMA_CONCATENATED`), and every
/// block's integrity check is verified.
public final class XzSource: ByteSource {
    /// The xz stream header magic: `FD 37 7A 58 5A 00`.
    public static let magic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]

    private var base: any ByteSource
    private var stream = lzma_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var baseEnded = false
    private var finished = false
    private var produced = 0
    private let limit: Int

    public init(_ base: some ByteSource, limit: Int = GzipSource.defaultLimit) throws {
        self.base = base
        self.limit = limit
        let status = lzma_stream_decoder(&stream, UInt64.max, strata_lzma_concatenated)
        guard status == LZMA_OK else { throw ArchiveError.xz(Self.describe(status)) }
    }

    deinit { lzma_end(&stream) }

    public func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0, !finished else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        var written = 0
        while written == 0 && !finished {
            if inputOffset >= input.count && !baseEnded {
                input = try base.read(upTo: 1 << 16)
                inputOffset = 0
                baseEnded = input.isEmpty
            }
            // With LZMA_CONCATENATED the decoder only knows the input is over when told so.
            let action = baseEnded ? LZMA_FINISH : LZMA_RUN
            let (status, consumed, out) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> (lzma_ret, Int, Int) in
                    guard let outBase = outBuffer.baseAddress else { return (LZMA_PROG_ERROR, 0, 0) }
                    let available = inBuffer.count - inputOffset
                    let room = count - written
                    stream.next_in = inBuffer.baseAddress.map { UnsafePointer($0 + inputOffset) }
                    stream.avail_in = available
                    stream.next_out = outBase + written
                    stream.avail_out = room
                    let status = lzma_code(&stream, action)
                    return (status, available - stream.avail_in, room - stream.avail_out)
                }
            }
            inputOffset += consumed
            written += out
            switch status {
            case LZMA_OK:
                if baseEnded && consumed == 0 && out == 0 { throw ArchiveError.xz("unexpected end of stream") }
            case LZMA_STREAM_END:
                finished = true
            case LZMA_BUF_ERROR where baseEnded:
                throw ArchiveError.xz("unexpected end of stream")
            default:
                throw ArchiveError.xz(Self.describe(status))
            }
        }
        produced += written
        if produced > limit { throw ArchiveError.tooLarge(limit: limit) }
        return Array(output.prefix(written))
    }

    static func describe(_ status: lzma_ret) -> String {
        switch status {
        case LZMA_FORMAT_ERROR: "not an xz stream"
        case LZMA_DATA_ERROR: "data is corrupt"
        case LZMA_OPTIONS_ERROR: "unsupported options"
        case LZMA_MEM_ERROR: "out of memory"
        case LZMA_UNSUPPORTED_CHECK: "unsupported integrity check"
        default: "lzma_code error \(status.rawValue)"
        }
    }
}
