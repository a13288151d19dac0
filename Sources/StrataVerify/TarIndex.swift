import StrataArchive

/// Where each regular file of a tar archive lies in it, found by reading the headers only
/// (seeking over contents), so that an image archive's blobs can be read in place.
///
/// Understands ustar names with prefix, PAX `path` and `size` records and GNU long names;
/// checksums are verified and every entry must lie inside the file.
struct TarIndex {
    /// Normalized name (no leading `./` or `/`) → (offset of contents, size).
    private(set) var entries: [String: (offset: Int, size: Int)] = [:]
    /// Symbolic links (normalized name → target resolved against the link's directory):
    /// `docker save` links a layer shared by two images to its first copy.
    private(set) var links: [String: String] = [:]

    init(file: OpenFile) throws {
        var offset = 0
        var pax: [String: String] = [:]
        var longName: String?
        while offset + 512 <= file.size {
            let block = try file.read(at: offset, count: 512)
            if block.allSatisfy({ $0 == 0 }) { break }
            let stored = try TarIndex.number(block[148..<156])
            let sum = block.indices.reduce(0) { $0 + (148..<156 ~= $1 ? 32 : Int(block[$1])) }
            guard stored == sum else { throw ArchiveError.badChecksum(offset: offset) }
            var size = try TarIndex.number(block[124..<136])
            if let paxSize = pax["size"] {
                guard let n = Int(paxSize), n >= 0 else { throw ArchiveError.badHeader("bad PAX size \"\(paxSize)\"") }
                size = n
            }
            let contents = offset + 512
            guard size >= 0, size <= file.size - contents else { throw ArchiveError.truncated }
            let flag = block[156]
            switch flag {
            case UInt8(ascii: "x"), UInt8(ascii: "L"):
                guard size <= 1 << 20 else { throw ArchiveError.tooLarge(limit: 1 << 20) }
                let data = try file.read(at: contents, count: size)
                if flag == UInt8(ascii: "L") {
                    longName = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
                } else {
                    pax = TarIndex.parsePax(data)
                }
            default:
                if flag == UInt8(ascii: "0") || flag == 0 || flag == UInt8(ascii: "7") {
                    let prefix = block[257..<263].elementsEqual(Array("ustar\u{0}".utf8)) ? TarIndex.string(block[345..<500]) : ""
                    let plain = prefix.isEmpty ? TarIndex.string(block[0..<100]) : prefix + "/" + TarIndex.string(block[0..<100])
                    let name = pax["path"] ?? longName ?? plain
                    entries[TarIndex.normalize(name)] = (contents, size)
                } else if flag == UInt8(ascii: "2") {
                    let prefix = block[257..<263].elementsEqual(Array("ustar\u{0}".utf8)) ? TarIndex.string(block[345..<500]) : ""
                    let plain = prefix.isEmpty ? TarIndex.string(block[0..<100]) : prefix + "/" + TarIndex.string(block[0..<100])
                    let name = TarIndex.normalize(pax["path"] ?? longName ?? plain)
                    let target = pax["linkpath"] ?? TarIndex.string(block[157..<257])
                    links[name] = TarIndex.resolve(target, from: name)
                }
                pax = [:]
                longName = nil
            }
            offset = contents + (size + 511) / 512 * 512
        }
    }

    /// The regular file `name` names, following symbolic links (at most 8).
    func entry(_ name: String) -> (offset: Int, size: Int)? {
        var current = TarIndex.normalize(name)
        for _ in 0..<8 {
            if let entry = entries[current] { return entry }
            guard let next = links[current] else { return nil }
            current = next
        }
        return nil
    }

    /// `target` of a link at `link`, as a normalized archive path (`..` resolved; never above
    /// the root).
    static func resolve(_ target: String, from link: String) -> String {
        var parts = target.hasPrefix("/") ? [] : link.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(String(part))
        }
        return parts.joined(separator: "/")
    }

    static func normalize(_ name: String) -> String {
        name.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

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
        for byte in bytes {
            if byte == 0 || byte == 32 {
                if value > 0 { break } else { continue }
            }
            guard byte >= 48 && byte <= 55 else { throw ArchiveError.badHeader("invalid octal digit") }
            guard value < (Int.max >> 3) else { throw ArchiveError.badHeader("number out of range") }
            value = value << 3 | Int(byte - 48)
        }
        return value
    }

    static func parsePax(_ data: [UInt8]) -> [String: String] {
        var records: [String: String] = [:]
        for line in data.split(separator: 0x0a) {
            guard let space = line.firstIndex(of: 32), let equals = line[space...].firstIndex(of: UInt8(ascii: "=")) else { continue }
            records[String(decoding: line[(space + 1)..<equals], as: UTF8.self)] = String(decoding: line[(equals + 1)...], as: UTF8.self)
        }
        return records
    }
}
