import StrataArchive

/// Finds every occurrence of every pattern of a set of secrets in byte streams.
///
/// Two automata run side by side: one over the bytes as they are, and one over the bytes
/// with `\n` and `\r` removed, holding the encodings that tools wrap into lines (base64,
/// plain hex). Each byte of the stream is read once.
public struct SecretScanner: Sendable {
    public let patterns: [SecretPattern]
    let strict: PatternAutomaton
    let wrapped: PatternAutomaton
    /// The longest line-wrapped pattern, which bounds how far back a wrapped match can start
    /// (with few line breaks in it).
    let longestWrapped: Int
    /// Pattern indices in `patterns` for each automaton's local indices.
    let strictIndex: [Int]
    let wrappedIndex: [Int]

    public init(secrets: [SecretSpec]) {
        self.init(patterns: secrets.flatMap(\.patterns))
    }

    public init(patterns: [SecretPattern]) {
        self.patterns = patterns
        let strictIndex = patterns.indices.filter { !patterns[$0].toleratesLineBreaks }
        let wrappedIndex = patterns.indices.filter { patterns[$0].toleratesLineBreaks }
        self.strictIndex = strictIndex
        self.wrappedIndex = wrappedIndex
        longestWrapped = wrappedIndex.map { patterns[$0].bytes.count }.max() ?? 0
        strict = PatternAutomaton(patterns: strictIndex.map { patterns[$0].bytes })
        wrapped = PatternAutomaton(patterns: wrappedIndex.map { patterns[$0].bytes }, transparent: [0x0a, 0x0d])
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
