import CBzip2

/// Inflates a bzip2 stream incrementally through system libbz2, as `bzip2 -d` reads it:
/// concatenated streams (what `pbzip2` or `cat a.bz2 b.bz2` make) are read as one, and bytes
/// after the last stream that do not start another are ignored, as `bzip2 -d` ignores
/// trailing garbage.
public final class Bzip2Source: ByteSource {
    /// A stream starts with `BZh` and a block-size digit `1`–`9`.
    public static let magic: [UInt8] = [0x42, 0x5A, 0x68]

    private var base: any ByteSource
    private var stream = bz_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var initialised = false
    private var finished = false
    private var produced = 0
    private let limit: Int

    public init(_ base: some ByteSource, limit: Int = GzipSource.defaultLimit) throws {
        self.base = base
        self.limit = limit
        try start()
    }

    deinit { if initialised { BZ2_bzDecompressEnd(&stream) } }

    private func start() throws {
        stream = bz_stream()
        let status = BZ2_bzDecompressInit(&stream, 0, 0)
        guard status == BZ_OK else { throw ArchiveError.bzip2("BZ2_bzDecompressInit failed (\(status))") }
        initialised = true
    }

    /// Refills `input` when it is used up; false at the end of the base stream.
    private func refill() throws -> Bool {
        if inputOffset < input.count { return true }
        input = try base.read(upTo: 1 << 16)
        inputOffset = 0
        return !input.isEmpty
    }

    public func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0, !finished else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        var written = 0
        while written == 0 && !finished {
            guard try refill() else { throw ArchiveError.bzip2("unexpected end of stream") }
            let (status, consumed, out) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int, Int) in
                    guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return (BZ_PARAM_ERROR, 0, 0) }
                    let available = inBuffer.count - inputOffset
                    let room = count - written
                    let next = UnsafeMutableRawPointer(inBase + inputOffset).assumingMemoryBound(to: CChar.self)
                    stream.next_in = next
                    stream.avail_in = UInt32(available)
                    stream.next_out = UnsafeMutableRawPointer(outBase + written).assumingMemoryBound(to: CChar.self)
                    stream.avail_out = UInt32(room)
                    let status = BZ2_bzDecompress(&stream)
                    return (status, available - Int(stream.avail_in), room - Int(stream.avail_out))
                }
            }
            inputOffset += consumed
            written += out
            switch status {
            case BZ_OK:
                break
            case BZ_STREAM_END:
                BZ2_bzDecompressEnd(&stream)
                initialised = false
                // Another stream may follow; anything else is trailing garbage, which bzip2 ignores.
                if try refill(), try startsAnotherStream() {
                    try start()
                } else {
                    finished = true
                }
            default:
                throw ArchiveError.bzip2(Self.describe(status))
            }
        }
        produced += written
        if produced > limit { throw ArchiveError.tooLarge(limit: limit) }
        return Array(output.prefix(written))
    }

    /// Whether the unread input begins with `BZh1`–`BZh9`, reading ahead as far as needed.
    private func startsAnotherStream() throws -> Bool {
        while input.count - inputOffset < 4 {
            let more = try base.read(upTo: 1 << 16)
            if more.isEmpty { break }
            input = Array(input[inputOffset...]) + more
            inputOffset = 0
        }
        let head = input[inputOffset...].prefix(4)
        guard head.count == 4 else { return false }
        return Array(head.prefix(3)) == Self.magic && (0x31...0x39).contains(head[head.startIndex + 3])
    }

    static func describe(_ status: Int32) -> String {
        switch status {
        case BZ_DATA_ERROR: "data integrity error (bad CRC or block)"
        case BZ_DATA_ERROR_MAGIC: "not a bzip2 stream"
        case BZ_MEM_ERROR: "out of memory"
        default: "BZ2_bzDecompress error \(status)"
        }
    }
}
