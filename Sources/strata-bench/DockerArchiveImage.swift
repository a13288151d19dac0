import Foundation
import StrataArchive
import StrataVerify

/// A docker-archive on disk seen as an `AuditableImage`, reading each layer in place from the
/// archive file: no extraction and no copy into a store, so the audit's own speed is measured.
///
/// The outer tar is indexed by seeking from header to header (ustar and PAX `path` records,
/// which is what `docker save` and `ArchiveGenerator` write).
struct DockerArchiveImage: AuditableImage {
    let path: String
    let configJSON: [UInt8]
    /// (offset, size) of each layer's bytes in the archive, bottom first.
    let layers: [(offset: Int, size: Int)]

    var layerCount: Int { layers.count }

    init(path: String) throws {
        self.path = path
        let entries = try Self.index(path)
        func contents(_ name: String) throws -> [UInt8] {
            guard let entry = entries[name] else { throw BenchError.failed("\(path): no \(name)") }
            var source = FileRangeSource(handle: try Self.open(path), offset: entry.offset, size: entry.size)
            return try source.readAll()
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(try contents("manifest.json"))) as? [[String: Any]]
        guard let first = manifest?.first, let config = first["Config"] as? String, let layerPaths = first["Layers"] as? [String] else {
            throw BenchError.failed("\(path): manifest.json has no image")
        }
        configJSON = try contents(config)
        layers = try layerPaths.map { name in
            guard let entry = entries[name] else { throw BenchError.failed("\(path): no \(name)") }
            return entry
        }
    }

    func openLayer(_ index: Int) throws -> any ByteSource {
        FileRangeSource(handle: try Self.open(path), offset: layers[index].offset, size: layers[index].size)
    }

    static func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ArchiveError.cannotOpen(path) }
        return handle
    }

    /// Entry name → (offset of contents, size), for regular files.
    static func index(_ path: String) throws -> [String: (offset: Int, size: Int)] {
        let handle = try open(path)
        defer { try? handle.close() }
        var entries: [String: (offset: Int, size: Int)] = [:]
        var offset = 0
        var paxPath: String?
        while true {
            try handle.seek(toOffset: UInt64(offset))
            let block = [UInt8](try handle.read(upToCount: 512) ?? Data())
            guard block.count == 512, !block.allSatisfy({ $0 == 0 }) else { break }
            func field(_ range: Range<Int>) -> String {
                String(decoding: block[range].prefix { $0 != 0 }, as: UTF8.self)
            }
            let size = Int(field(124..<136).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0
            let flag = block[156]
            let prefix = field(345..<500)
            let name = prefix.isEmpty ? field(0..<100) : prefix + "/" + field(0..<100)
            let contentOffset = offset + 512
            if flag == UInt8(ascii: "x") {
                try handle.seek(toOffset: UInt64(contentOffset))
                let record = String(decoding: try handle.read(upToCount: size) ?? Data(), as: UTF8.self)
                for line in record.split(separator: "\n") where line.contains(" path=") {
                    paxPath = line.components(separatedBy: " path=").last
                }
            } else {
                if flag == UInt8(ascii: "0") || flag == 0 { entries[paxPath ?? name] = (contentOffset, size) }
                paxPath = nil
            }
            offset = contentOffset + (size + 511) / 512 * 512
        }
        return entries
    }
}

/// `size` bytes of a file starting at `offset`, read in chunks.
struct FileRangeSource: ByteSource {
    let handle: FileHandle
    var left: Int

    init(handle: FileHandle, offset: Int, size: Int) {
        self.handle = handle
        left = size
        try? handle.seek(toOffset: UInt64(offset))
    }

    mutating func read(upTo count: Int) throws -> [UInt8] {
        let want = min(count, left)
        guard want > 0 else { return [] }
        let data = try handle.read(upToCount: want) ?? Data()
        if data.isEmpty { throw ArchiveError.truncated }
        left -= data.count
        return [UInt8](data)
    }
}
