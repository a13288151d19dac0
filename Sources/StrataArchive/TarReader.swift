/// Reads tar archives entry by entry from a stream: ustar, PAX (`x` and `g`), GNU long
/// names (`L`, `K`) and base-256 numbers.
///
/// Hostile input is expected: checksums are verified, sizes are bounded, and a truncated
/// stream is an error rather than a short entry.
public struct TarReader<Source: ByteSource> {
    private var source: Source
    private var pendingSkip = 0
    private var offset = 0
    private var globalPax: [String: [UInt8]] = [:]
    /// The largest metadata record (PAX, GNU long name) accepted.
    public var metadataLimit = 1 << 20

    /// The largest entry size accepted (1 TiB): beyond any real layer, and small enough that
    /// padding arithmetic on it cannot overflow.
    public static var maximumEntrySize: Int { 1 << 40 }

    public init(_ source: Source) { self.source = source }

    /// The next entry's header, or nil at the end of the archive. Its contents must be read
    /// with `readContents` or are skipped by the next call.
    public mutating func next() throws -> TarHeader? {
        try discardPending()
        var pax: [String: [UInt8]] = [:]
        var gnuName: String?
        var gnuLink: String?
        while true {
            // Sources may return short reads (a decompressor, a peeked stream): only an empty
            // read is the end, and a short block is completed before it is judged.
            var block = try source.read(upTo: 512)
            if block.isEmpty { return nil }
            if block.count < 512 { block += try source.readExactly(512 - block.count) }
            offset += block.count
            if TarWriter.byteSum(block) == 0 { return nil }
            if let header = try finishHeader(block, pax: &pax, gnuName: &gnuName, gnuLink: &gnuLink) { return header }
        }
    }

    /// The current entry's contents, whole. Bounded by `limit`.
    public mutating func readContents(limit: Int = Int.max) throws -> [UInt8] {
        guard pendingSkip <= limit else { throw ArchiveError.tooLarge(limit: limit) }
        let size = pendingSkip
        let padded = (size + 511) / 512 * 512
        let data = try source.readExactly(size)
        try source.skip(padded - size)
        offset += padded
        pendingSkip = 0
        return data
    }

    /// Streams the current entry's contents in chunks to `body`.
    public mutating func readContents(chunk: Int = 1 << 20, _ body: ([UInt8]) throws -> Void) throws {
        let size = pendingSkip
        var left = size
        while left > 0 {
            let part = try source.readExactly(min(chunk, left))
            try body(part)
            left -= part.count
        }
        let padded = (size + 511) / 512 * 512
        try source.skip(padded - size)
        offset += padded
        pendingSkip = 0
    }

    private mutating func discardPending() throws {
        guard pendingSkip > 0 else { return }
        let padded = (pendingSkip + 511) / 512 * 512
        try source.skip(padded)
        offset += padded
        pendingSkip = 0
    }

    /// Parses one header block; returns nil when it was a metadata record (PAX, GNU long name).
    private mutating func finishHeader(
        _ block: [UInt8], pax: inout [String: [UInt8]], gnuName: inout String?, gnuLink: inout String?
    ) throws -> TarHeader? {
        let stored = try TarReader.number(block[148..<156])
        // The checksum field counts as eight spaces.
        let sum = TarWriter.byteSum(block) - TarWriter.byteSum(Array(block[148..<156])) + 8 * 32
        guard stored == sum else { throw ArchiveError.badChecksum(offset: offset - 512) }
        let flag = block[156]
        let size = try TarReader.number(block[124..<136])
        guard size >= 0 else { throw ArchiveError.badHeader("negative size") }
        guard size <= TarReader.maximumEntrySize else { throw ArchiveError.tooLarge(limit: TarReader.maximumEntrySize) }
        switch flag {
        case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
            guard size <= metadataLimit else { throw ArchiveError.tooLarge(limit: metadataLimit) }
            let data = try source.readExactly(size)
            let padded = (size + 511) / 512 * 512
            try source.skip(padded - size)
            offset += padded
            switch flag {
            case UInt8(ascii: "x"): pax.merge(try TarReader.parsePax(data)) { $1 }
            case UInt8(ascii: "g"): globalPax.merge(try TarReader.parsePax(data)) { $1 }
            case UInt8(ascii: "L"): gnuName = TarReader.string(data[...])
            default: gnuLink = TarReader.string(data[...])
            }
            return nil
        default:
            break
        }
        let records = globalPax.merging(pax) { $1 }
        var header = TarHeader(path: "", kind: TarHeader.Kind(flag: flag))
        let magic = Array(block[257..<263])
        let prefix = magic == Array("ustar\u{0}".utf8) ? TarReader.string(block[345..<500]) : ""
        let name = TarReader.string(block[0..<100])
        header.path = prefix.isEmpty ? name : prefix + "/" + name
        header.mode = UInt32(truncatingIfNeeded: try TarReader.number(block[100..<108]))
        header.uid = try TarReader.number(block[108..<116])
        header.gid = try TarReader.number(block[116..<124])
        header.size = size
        header.modificationTime = try TarReader.number(block[136..<148])
        header.linkTarget = TarReader.string(block[157..<257])
        header.userName = TarReader.string(block[265..<297])
        header.groupName = TarReader.string(block[297..<329])
        header.deviceMajor = (try? TarReader.number(block[329..<337])) ?? 0
        header.deviceMinor = (try? TarReader.number(block[337..<345])) ?? 0
        if let gnuName { header.path = gnuName }
        if let gnuLink { header.linkTarget = gnuLink }
        for (key, value) in records {
            let text = String(decoding: value, as: UTF8.self)
            switch key {
            case "path": header.path = text
            case "linkpath": header.linkTarget = text
            case "size":
                guard let n = Int(text), n >= 0 else { throw ArchiveError.badHeader("bad PAX size \"\(text)\"") }
                guard n <= TarReader.maximumEntrySize else { throw ArchiveError.tooLarge(limit: TarReader.maximumEntrySize) }
                header.size = n
            case "uid": header.uid = Int(text) ?? header.uid
            case "gid": header.gid = Int(text) ?? header.gid
            case "uname": header.userName = text
            case "gname": header.groupName = text
            case "mtime":
                // Fractional seconds are dropped; a value that is not a finite, representable
                // number (hostile input: "1e400", "nan") keeps the ustar field.
                let whole = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
                header.modificationTime = Int(whole) ?? header.modificationTime
            default:
                if key.hasPrefix("SCHILY.xattr.") { header.xattrs[String(key.dropFirst(13))] = value }
            }
        }
        switch header.kind {
        case .file, .other: pendingSkip = header.size
        default: pendingSkip = header.kind == .hardlink ? header.size : 0
        }
        if case .other = header.kind { pendingSkip = header.size }
        return header
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// Octal (NUL/space terminated) or GNU base-256 (high bit set).
    static func number(_ bytes: ArraySlice<UInt8>) throws -> Int {
        guard let first = bytes.first else { return 0 }
        if first & 0x80 != 0 {
            var value = Int(first & 0x7f)
            for byte in bytes.dropFirst() {
                guard value < (Int.max >> 8) else { throw ArchiveError.badHeader("number out of range") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var seenDigit = false
        for byte in bytes {
            if byte == 0 || (byte == UInt8(ascii: " ") && seenDigit) { break }
            if byte == UInt8(ascii: " ") { continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else {
                throw ArchiveError.badHeader("invalid octal digit")
            }
            guard value < (Int.max >> 3) else { throw ArchiveError.badHeader("number out of range") }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
            seenDigit = true
        }
        return value
    }

    static func parsePax(_ data: [UInt8]) throws -> [String: [UInt8]] {
        var records: [String: [UInt8]] = [:]
        var i = 0
        while i < data.count {
            guard let space = data[i...].firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: data[i..<space], as: UTF8.self)), length > 0, length <= data.count - i,
                data[i + length - 1] == UInt8(ascii: "\n")
            else { throw ArchiveError.badHeader("malformed PAX record") }
            let record = data[(space + 1)..<(i + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else {
                throw ArchiveError.badHeader("PAX record without '='")
            }
            records[String(decoding: record[record.startIndex..<equals], as: UTF8.self)] = Array(record[(equals + 1)...])
            i += length
        }
        return records
    }
}
