import StrataArchive
import StrataVerify

extension ImageEfficiency {
    /// The efficiency of an image in the store or an archive: each layer's tar headers are
    /// read once (contents skipped), gzip or plain.
    public init(image: some AuditableImage) throws {
        var layers: [[(path: String, size: Int64, isDirectory: Bool)]] = []
        for index in 0..<image.layerCount {
            let source = try image.openLayer(index)
            var reader = TarReader(AnySource(base: try decompressingIfNeeded(AnySource(base: source))))
            var entries: [(path: String, size: Int64, isDirectory: Bool)] = []
            while let header = try reader.next() {
                let path = Self.clean(header.path)
                guard path != "." else { continue }
                entries.append((path, Int64(header.size), header.kind == .directory))
            }
            try image.finishLayer(source)
            layers.append(entries)
        }
        self.init(layers: layers)
    }

    /// Go's `path.Clean`: no empty, `.` or `..` components, no trailing slash.
    static func clean(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !rooted { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
