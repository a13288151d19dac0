/// Writes tar archives deterministically: the same entries always give the same bytes.
///
/// Headers are ustar; a value ustar cannot hold (a path over 100 bytes that cannot be split
/// into prefix and name, a size over 8 GiB, an id over 2097151, xattrs) goes into a PAX
/// extended header before the entry, as Go's archive/tar (and so BuildKit) does.
public struct TarWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func append(_ header: TarHeader, contents: [UInt8] = []) {
        var header = header
        if header.kind == .file { header.size = contents.count } else { header.size = 0 }
        var pax: [(String, [UInt8])] = []
        var name = header.path
        var prefix = ""
        if name.utf8.count > 100 {
            if let split = TarWriter.ustarSplit(name) { (prefix, name) = split } else { pax.append(("path", Array(header.path.utf8))); name = String(decoding: header.path.utf8.prefix(100), as: UTF8.self) }
        }
        var linkname = header.linkTarget
        if linkname.utf8.count > 100 { pax.append(("linkpath", Array(linkname.utf8))); linkname = "" }
        if header.size > 0o77777777777 { pax.append(("size", Array(String(header.size).utf8))) }
        if header.uid > 0o7777777 { pax.append(("uid", Array(String(header.uid).utf8))) }
        if header.gid > 0o7777777 { pax.append(("gid", Array(String(header.gid).utf8))) }
        if header.userName.utf8.count > 32 { pax.append(("uname", Array(header.userName.utf8))) }
        if header.groupName.utf8.count > 32 { pax.append(("gname", Array(header.groupName.utf8))) }
        for (key, value) in header.xattrs.sorted(by: { $0.key < $1.key }) {
            pax.append(("SCHILY.xattr." + key, value))
        }
        if !pax.isEmpty {
            let record = TarWriter.paxRecords(pax)
            let paxName = "PaxHeaders.0/" + (header.path.split(separator: "/").last.map(String.init) ?? "entry")
            appendRaw(name: String(decoding: paxName.utf8.prefix(100), as: UTF8.self), prefix: "", header: TarHeader(path: "", kind: .other(UInt8(ascii: "x")), mode: 0, size: record.count), linkname: "")
            appendPadded(record)
        }
        appendRaw(name: name, prefix: prefix, header: header, linkname: linkname)
        appendPadded(contents)
    }

    /// Two zero blocks end the archive.
    public mutating func finish() -> [UInt8] {
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 1024))
        return bytes
    }

    private mutating func appendPadded(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        let remainder = data.count % 512
        if remainder != 0 { bytes.append(contentsOf: [UInt8](repeating: 0, count: 512 - remainder)) }
    }

    private mutating func appendRaw(name: String, prefix: String, header: TarHeader, linkname: String) {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (i, byte) in text.utf8.prefix(width).enumerated() { block[offset + i] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let clamped = max(0, min(value, Int(pow8(width - 1)) - 1))
            var digits = String(clamped, radix: 8)
            digits = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            put(digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(Int(header.mode & 0o7777), at: 100, width: 8)
        octal(header.uid, at: 108, width: 8)
        octal(header.gid, at: 116, width: 8)
        octal(header.size, at: 124, width: 12)
        octal(header.modificationTime, at: 136, width: 12)
        block[156] = header.kind.flag
        put(linkname, at: 157, width: 100)
        put("ustar\u{0}00", at: 257, width: 8)
        put(header.userName, at: 265, width: 32)
        put(header.groupName, at: 297, width: 32)
        if header.kind == .characterDevice || header.kind == .blockDevice {
            octal(header.deviceMajor, at: 329, width: 8)
            octal(header.deviceMinor, at: 337, width: 8)
        } else {
            octal(0, at: 329, width: 8)
            octal(0, at: 337, width: 8)
        }
        put(prefix, at: 345, width: 155)
        for i in 148..<156 { block[i] = UInt8(ascii: " ") }
        let checksum = TarWriter.byteSum(block)
        var digits = String(checksum, radix: 8)
        digits = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        put(digits, at: 148, width: 6)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        bytes.append(contentsOf: block)
    }

    private func pow8(_ n: Int) -> Int { 1 << (3 * n) }

    /// The sum of a header block's bytes, in a plain loop: padding and checksums run over
    /// every byte of every entry, and generic sequence code is slow in debug builds.
    static func byteSum(_ block: [UInt8]) -> Int {
        block.withUnsafeBufferPointer { buffer in
            var sum = 0
            for i in 0..<buffer.count { sum &+= Int(buffer[i]) }
            return sum
        }
    }

    /// Splits a long path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash.
    static func ustarSplit(_ path: String) -> (String, String)? {
        let utf8 = Array(path.utf8)
        guard utf8.count <= 256, utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        for i in stride(from: min(utf8.count - 1, 155), through: 1, by: -1) where utf8[i] == UInt8(ascii: "/") {
            let name = utf8.count - i - 1
            if name > 0 && name <= 100 {
                return (String(decoding: utf8[..<i], as: UTF8.self), String(decoding: utf8[(i + 1)...], as: UTF8.self))
            }
            if name > 100 { return nil }
        }
        return nil
    }

    /// PAX records are `LEN KEY=VALUE\n`, where LEN counts its own digits.
    static func paxRecords(_ pairs: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (key, value) in pairs {
            let bodyCount = 1 + key.utf8.count + 1 + value.count + 1
            var length = bodyCount + 1
            while String(length).utf8.count + bodyCount != length { length = String(length).utf8.count + bodyCount }
            out.append(contentsOf: Array("\(length) \(key)=".utf8))
            out.append(contentsOf: value)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
