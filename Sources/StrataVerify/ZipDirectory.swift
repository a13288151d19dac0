/// The entries of a zip archive (a jar, a wheel, an apk) held in memory, read from its
/// central directory so that entries written with data descriptors are found too.
///
/// Every offset and size is checked against the buffer; zip64 entries and encrypted
/// entries are skipped rather than guessed at.
struct ZipDirectory {
    struct Entry {
        var name: String
        /// 0 stored, 8 deflate.
        var method: Int
        var data: Range<Int>
    }

    var entries: [Entry] = []

    static let localMagic: [UInt8] = [0x50, 0x4b, 0x03, 0x04]

    /// Nil when `bytes` is not a readable zip.
    init?(_ bytes: [UInt8]) {
        func u16(_ i: Int) -> Int? { i >= 0 && i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : nil }
        func u32(_ i: Int) -> Int? {
            guard let low = u16(i), let high = u16(i + 2) else { return nil }
            return low | high << 16
        }
        // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
        var eocd: Int?
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if u32(i) == 0x0605_4b50 {
                eocd = i
                break
            }
            i -= 1
        }
        guard let end = eocd, let count = u16(end + 10), let directory = u32(end + 16) else { return nil }
        var offset = directory
        for _ in 0..<count {
            guard u32(offset) == 0x0201_4b50, let flags = u16(offset + 8), let method = u16(offset + 10),
                let compressed = u32(offset + 20), let uncompressed = u32(offset + 24), let nameLength = u16(offset + 28),
                let extraLength = u16(offset + 30), let commentLength = u16(offset + 32), let local = u32(offset + 42),
                offset + 46 + nameLength <= bytes.count
            else { return nil }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            offset += 46 + nameLength + extraLength + commentLength
            // Encrypted (bit 0) and zip64 (sizes saturated) entries are skipped.
            guard flags & 1 == 0, compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else { continue }
            guard u32(local) == 0x0403_4b50, let localName = u16(local + 26), let localExtra = u16(local + 28) else { continue }
            let start = local + 30 + localName + localExtra
            guard start + compressed <= bytes.count else { continue }
            entries.append(Entry(name: name, method: method, data: start..<(start + compressed)))
        }
    }
}
