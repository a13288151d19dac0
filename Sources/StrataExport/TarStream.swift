import Foundation

/// Writes a tar archive to a file as it goes, so a saved image's layers stream from the
/// store to the output without being held in memory (`TarWriter` builds its bytes in memory).
///
/// Only what image archives need: directories and regular files with names of at most 100
/// bytes (`blobs/sha256/<64 hex>` is 77), ustar headers with every variable field fixed
/// (mtime 0, uid/gid 0, no user names), so equal input gives equal bytes.
struct TarStream {
    private let handle: FileHandle

    init(handle: FileHandle) { self.handle = handle }

    mutating func directory(_ path: String) throws {
        try handle.write(contentsOf: try Self.header(path: path.hasSuffix("/") ? path : path + "/", size: 0, mode: 0o755, flag: UInt8(ascii: "5")))
    }

    mutating func file(_ path: String, bytes: [UInt8]) throws {
        try file(path, size: bytes.count) { emit in try emit(bytes) }
    }

    /// A regular file of `size` bytes whose contents `produce` hands over in chunks.
    mutating func file(_ path: String, size: Int, produce: ((([UInt8]) throws -> Void)) throws -> Void) throws {
        try handle.write(contentsOf: try Self.header(path: path, size: size, mode: 0o644, flag: UInt8(ascii: "0")))
        var written = 0
        try produce { chunk in
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        guard written == size else { throw ExportError.sizeChanged(entry: path, declared: size, actual: written) }
        let remainder = size % 512
        if remainder != 0 { try handle.write(contentsOf: [UInt8](repeating: 0, count: 512 - remainder)) }
    }

    /// Two zero blocks end the archive.
    mutating func finish() throws {
        try handle.write(contentsOf: [UInt8](repeating: 0, count: 1024))
    }

    static func header(path: String, size: Int, mode: Int, flag: UInt8) throws -> [UInt8] {
        guard path.utf8.count <= 100 else { throw ExportError.pathTooLong(path) }
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (i, byte) in text.utf8.enumerated() { block[offset + i] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset)
        }
        put(path, at: 0)
        octal(mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(0, at: 136, width: 12)
        block[156] = flag
        put("ustar\u{0}00", at: 257)
        octal(0, at: 329, width: 8)
        octal(0, at: 337, width: 8)
        for i in 148..<156 { block[i] = UInt8(ascii: " ") }
        let checksum = block.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, width: 7)
        block[155] = UInt8(ascii: " ")
        return block
    }
}
