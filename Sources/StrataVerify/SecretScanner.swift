import StrataArchive

/// Finds every occurrence of every pattern of a set of secrets in byte streams.
///
/// One skipping pass (`LiteralSet`) finds every pattern as written; encodings that tools wrap
/// into lines (base64, plain hex) are also found when `\n` or `\r` interrupt them, by a
/// `LineBreakJoiner` that only looks around line breaks. Each byte of the stream is read at
/// most once by the main pass, and most are skipped.
public struct SecretScanner: Sendable {
    public let patterns: [SecretPattern]
    /// Every pattern, as written.
    let set: LiteralSet
    /// The line-wrapped patterns, for matches a line break interrupts.
    let wrapped: LiteralSet
    /// Pattern indices in `patterns` for `wrapped`'s local indices.
    let wrappedIndex: [Int]
    /// What `LineBreakJoiner` needs of `wrapped`.
    let wrappedRunBytes: LineBreakJoiner.RunBytes

    public init(secrets: [SecretSpec]) {
        self.init(patterns: secrets.flatMap(\.patterns))
    }

    public init(patterns: [SecretPattern]) {
        self.patterns = patterns
        let wrappedIndex = patterns.indices.filter { patterns[$0].toleratesLineBreaks }
        self.wrappedIndex = wrappedIndex
        set = LiteralSet(patterns: patterns.map(\.bytes))
        wrapped = LiteralSet(patterns: wrappedIndex.map { patterns[$0].bytes })
        wrappedRunBytes = LineBreakJoiner.runBytes(of: wrapped)
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// A fresh scanning state for one stream.
    public func stream() -> ScanStream { ScanStream(scanner: self) }

    /// Every match in `bytes`, ordered by where it ends.
    public func matches(in bytes: [UInt8]) -> [SecretMatch] {
        var stream = stream()
        var out: [SecretMatch] = []
        stream.feed(bytes) { out.append($0) }
        return out
    }

    /// Every match in a stream read in chunks of `chunkSize` bytes.
    public func matches(in source: inout some ByteSource, chunkSize: Int = 1 << 20) throws -> [SecretMatch] {
        var stream = stream()
        var out: [SecretMatch] = []
        while true {
            let chunk = try source.read(upTo: chunkSize)
            if chunk.isEmpty { return out }
            stream.feed(chunk) { out.append($0) }
        }
    }
}
