import Foundation
import StrataArchive
import StrataSupport

/// Writes a docker-archive (`docker save` layout, plain tar layers) of about `targetBytes`,
/// the same bytes on every run: thousands of small text files, some medium ones and a few
/// large binaries per layer, with the declared secrets planted raw and encoded in a few files.
///
/// Streams to disk: a layer's size is computed from its plan before it is written, so no
/// layer is ever held in memory whole.
struct ArchiveGenerator {
    var targetBytes: Int
    var layerCount = 4
    var secrets: [(id: String, value: [UInt8])]

    /// One planned file: its path, size, which pool its bytes come from and where in it.
    struct PlannedFile {
        var path: String
        var size: Int
        var binary: Bool
        var start: Int
        /// A secret planted in this file (index into `secrets`) and how.
        var plant: (secret: Int, base64: Bool)?
    }

    static let poolSize = 8 << 20

    /// Writes the archive to `url`; returns how many secret copies were planted raw.
    func write(to url: URL) throws -> (rawPlants: Int, files: Int) {
        var random = SplitMix(seed: 0xA0D1_7000)
        let textPool = Self.makeTextPool(&random)
        let binaryPool = (0..<Self.poolSize / 8).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var out = BufferedWriter(handle: handle)
        var diffIDs: [String] = []
        var rawPlants = 0
        var files = 0
        let perLayer = targetBytes / layerCount
        for layer in 0..<layerCount {
            let plan = Self.plan(layer: layer, bytes: perLayer, secretCount: secrets.count, random: &random)
            files += plan.count
            rawPlants += plan.filter { $0.plant.map { !$0.base64 } ?? false }.count
            let directories = Set(plan.map { ($0.path as NSString).deletingLastPathComponent }).sorted()
            var layerSize = 1024 + directories.count * 512
            for file in plan { layerSize += 512 + (file.size + 511) / 512 * 512 }
            try out.write(Self.header(TarHeader(path: "layer\(layer)/layer.tar", kind: .file, mode: 0o644, size: layerSize)))
            var hash = SHA256()
            func emit(_ bytes: [UInt8]) throws {
                hash.update(bytes)
                try out.write(bytes)
            }
            for directory in directories {
                try emit(Self.header(TarHeader(path: directory + "/", kind: .directory, mode: 0o755)))
            }
            for file in plan {
                try emit(Self.header(TarHeader(path: file.path, kind: .file, mode: 0o644, size: file.size)))
                let pool = file.binary ? binaryPool : textPool
                var offset = 0
                while offset < file.size {
                    let start = (file.start + offset) % pool.count
                    var chunk = Array(pool[start..<min(pool.count, start + min(1 << 20, file.size - offset))])
                    if offset == 0, let plant = file.plant {
                        let value = secrets[plant.secret].value
                        let text = plant.base64 ? Array(Data(value).base64EncodedString().utf8) : value
                        let at = min(chunk.count / 2, max(0, chunk.count - text.count - 1))
                        if at + text.count <= chunk.count {
                            chunk.replaceSubrange(at..<(at + text.count), with: text)
                        }
                    }
                    try emit(chunk)
                    offset += chunk.count
                }
                let padding = (file.size + 511) / 512 * 512 - file.size
                if padding > 0 { try emit([UInt8](repeating: 0, count: padding)) }
            }
            try emit([UInt8](repeating: 0, count: 1024))
            diffIDs.append("sha256:" + Hex.encode(hash.finalize()))
        }
        let history = (0..<layerCount).map { "{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"COPY layer\($0) / # buildkit\"}" }
        let config = Array("""
            {"architecture":"amd64","config":{"Cmd":["sh"],"Env":["PATH=/usr/bin:/bin"]},"created":"1970-01-01T00:00:00Z",\
            "history":[\(history.joined(separator: ","))],"os":"linux",\
            "rootfs":{"diff_ids":[\(diffIDs.map { "\"\($0)\"" }.joined(separator: ","))],"type":"layers"}}
            """.utf8)
        let configName = Hex.encode(SHA256.hash(config)) + ".json"
        let layers = (0..<layerCount).map { "\"layer\($0)/layer.tar\"" }.joined(separator: ",")
        let manifest = Array("[{\"Config\":\"\(configName)\",\"RepoTags\":[\"bench/audit:latest\"],\"Layers\":[\(layers)]}]".utf8)
        for (name, bytes) in [(configName, config), ("manifest.json", manifest)] {
            try out.write(Self.header(TarHeader(path: name, kind: .file, mode: 0o644, size: bytes.count)))
            try out.write(bytes + [UInt8](repeating: 0, count: (bytes.count + 511) / 512 * 512 - bytes.count))
        }
        try out.write([UInt8](repeating: 0, count: 1024))
        try out.flush()
        return (rawPlants, files)
    }

    /// One ustar header block (and no contents) as `TarWriter` encodes it.
    static func header(_ header: TarHeader) -> [UInt8] {
        var writer = TarWriter()
        var entry = header
        let size = header.size
        entry.size = 0
        entry.kind = .directory
        writer.append(entry)
        var block = writer.bytes
        // TarWriter takes the size from the contents; patch it and the checksum in place so the
        // contents can be streamed afterwards.
        if header.kind == .file {
            block[156] = UInt8(ascii: "0")
            let digits = String(size, radix: 8)
            let field = Array((String(repeating: "0", count: 11 - digits.count) + digits).utf8)
            block.replaceSubrange(124..<135, with: field)
            for i in 148..<156 { block[i] = UInt8(ascii: " ") }
            let checksum = block.reduce(0) { $0 + Int($1) }
            let sum = String(checksum, radix: 8)
            block.replaceSubrange(148..<154, with: Array((String(repeating: "0", count: 6 - sum.count) + sum).utf8))
            block[154] = 0
        }
        return block
    }

    /// Files for one layer adding up to about `bytes`: by size, 10% small text files
    /// (1-32 KiB), 30% medium text (256 KiB-4 MiB) and the rest large binaries (16-96 MiB).
    static func plan(layer: Int, bytes: Int, secretCount: Int, random: inout SplitMix) -> [PlannedFile] {
        var files: [PlannedFile] = []
        func add(_ budget: Int, _ prefix: String, binary: Bool, sizes: ClosedRange<Int>) {
            var used = 0
            var n = 0
            while used < budget {
                let size = min(budget - used, Int(random.next() % UInt64(sizes.upperBound - sizes.lowerBound + 1)) + sizes.lowerBound)
                let path = "\(prefix)/d\(n % 64)/f\(n).\(binary ? "bin" : "txt")"
                files.append(PlannedFile(path: path, size: max(size, 1), binary: binary, start: Int(random.next() % UInt64(poolSize)), plant: nil))
                used += size
                n += 1
            }
        }
        add(bytes / 10, "l\(layer)/small", binary: false, sizes: 1 << 10...32 << 10)
        add(bytes * 3 / 10, "l\(layer)/medium", binary: false, sizes: 256 << 10...4 << 20)
        add(bytes - bytes / 10 - bytes * 3 / 10, "l\(layer)/large", binary: true, sizes: 16 << 20...96 << 20)
        // Plant every secret once per layer, alternating raw and base64, in files spread out.
        for secret in 0..<secretCount where !files.isEmpty {
            let index = (secret * 7919 + layer * 104_729) % files.count
            files[index].plant = (secret, (secret + layer) % 2 == 1)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Log- and config-like text: words, numbers, paths, key=value pairs, long lines.
    static func makeTextPool(_ random: inout SplitMix) -> [UInt8] {
        let words = [
            "the", "server", "request", "config", "value", "error", "warning", "user", "session", "token", "cache",
            "build", "layer", "image", "=", "{", "}", "\"name\":", "127.0.0.1", "GET", "/api/v1/items", "200", "404",
            "INFO", "DEBUG", "2024-01-01T00:00:00Z", "function", "return", "import", "let", "var", "0x7f3a", "null",
        ]
        var pool: [UInt8] = []
        pool.reserveCapacity(poolSize)
        while pool.count < poolSize {
            let word = words[Int(random.next() % UInt64(words.count))]
            pool.append(contentsOf: word.utf8)
            pool.append(random.next() % 9 == 0 ? 0x0A : 0x20)
            if random.next() % 13 == 0 { pool.append(contentsOf: String(random.next() % 100_000).utf8) }
        }
        return Array(pool.prefix(poolSize))
    }
}

/// Collects small writes into 4 MiB blocks for the file handle.
struct BufferedWriter {
    let handle: FileHandle
    var buffer: [UInt8] = []

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(4 << 20)
    }

    mutating func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 4 << 20 { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
