import StrataArchive

/// Tar headers laid out as busybox 1.35 writes them: the old GNU magic `ustar  \0`, 7-digit
/// octal ids and modes, empty device fields, and `././@LongLink` entries for names of 100
/// bytes or more. No field holds wall-clock time other than the entries' own mtimes.
struct BusyboxTarFormat {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ entry: TarHeader, contents: [UInt8] = []) {
        if entry.path.utf8.count >= 100 {
            appendLong(Array(entry.path.utf8), flag: UInt8(ascii: "L"))
        }
        if entry.linkTarget.utf8.count >= 100 {
            appendLong(Array(entry.linkTarget.utf8), flag: UInt8(ascii: "K"))
        }
        let flag: UInt8
        switch entry.kind {
        case .directory: flag = UInt8(ascii: "5")
        case .symlink: flag = UInt8(ascii: "2")
        case .hardlink: flag = UInt8(ascii: "1")
        default: flag = UInt8(ascii: "0")
        }
        let size = entry.kind == .file ? contents.count : 0
        bytes += block(
            name: Array(entry.path.utf8), mode: entry.mode & 0o7777, uid: entry.uid, gid: entry.gid, size: size,
            mtime: entry.modificationTime, flag: flag, link: Array(entry.linkTarget.utf8),
            user: entry.userName, group: entry.groupName)
        appendPadded(entry.kind == .file ? contents : [])
    }

    /// The archive with its two terminating zero blocks.
    mutating func finish() -> [UInt8] {
        bytes += [UInt8](repeating: 0, count: 1024)
        return bytes
    }

    private mutating func appendLong(_ name: [UInt8], flag: UInt8) {
        bytes += block(name: Array("././@LongLink".utf8), mode: 0, uid: 0, gid: 0, size: name.count + 1, mtime: 0, flag: flag, link: [], user: "", group: "")
        appendPadded(name + [0])
    }

    private mutating func appendPadded(_ data: [UInt8]) {
        bytes += data
        let remainder = data.count % 512
        if remainder != 0 { bytes += [UInt8](repeating: 0, count: 512 - remainder) }
    }

    private func block(name: [UInt8], mode: UInt32, uid: Int, gid: Int, size: Int, mtime: Int, flag: UInt8, link: [UInt8], user: String, group: String) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ field: [UInt8], at offset: Int, width: Int) {
            for (i, byte) in field.prefix(width).enumerated() { block[offset + i] = byte }
        }
        func octal(_ value: Int, at offset: Int, digits: Int) {
            var text = String(max(0, value), radix: 8)
            if text.count > digits { text = String(repeating: "7", count: digits) }
            put(Array((String(repeating: "0", count: digits - text.count) + text).utf8), at: offset, width: digits)
        }
        put(name, at: 0, width: 100)
        octal(Int(mode), at: 100, digits: 7)
        octal(uid, at: 108, digits: 7)
        octal(gid, at: 116, digits: 7)
        octal(size, at: 124, digits: 11)
        octal(mtime, at: 136, digits: 11)
        block[156] = flag
        put(link, at: 157, width: 100)
        put(Array("ustar  ".utf8), at: 257, width: 8)
        put(Array(user.utf8), at: 265, width: 32)
        put(Array(group.utf8), at: 297, width: 32)
        for i in 148..<156 { block[i] = UInt8(ascii: " ") }
        let checksum = block.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, digits: 6)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return block
    }
}
