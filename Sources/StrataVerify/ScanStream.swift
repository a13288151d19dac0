/// The state of a `SecretScanner` partway through one stream, so that a match split across
/// two chunks is still found.
public struct ScanStream: Sendable {
    let scanner: SecretScanner
    private var main = LiteralStream()
    private var joiner: LineBreakJoiner
    /// Bytes fed so far.
    public var offset: Int { main.offset }

    init(scanner: SecretScanner) {
        self.scanner = scanner
        joiner = LineBreakJoiner(runBytes: scanner.wrappedRunBytes)
    }

    /// Scans the next chunk, reporting the matches that end in it, ordered by end.
    public mutating func feed(_ chunk: [UInt8], _ report: (SecretMatch) -> Void) {
        chunk.withUnsafeBufferPointer { feed($0, report) }
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ report: (SecretMatch) -> Void) {
        let direct = main.feed(chunk, set: scanner.set)
        let broken = joiner.feed(chunk, set: scanner.wrapped)
        ScanStream.merge(direct, broken, scanner: scanner, report)
    }

    /// Reports main-pass and joined matches together, ordered by end, then pattern.
    static func merge(
        _ direct: [(pattern: Int, start: Int)], _ broken: [(pattern: Int, start: Int, span: Int)], scanner: SecretScanner,
        _ report: (SecretMatch) -> Void
    ) {
        var matches = direct.map { SecretMatch(pattern: $0.pattern, offset: $0.start, span: scanner.set.lengths[$0.pattern]) }
        guard !broken.isEmpty else {
            matches.forEach(report)
            return
        }
        matches += broken.map { SecretMatch(pattern: scanner.wrappedIndex[$0.pattern], offset: $0.start, span: $0.span) }
        matches.sort { a, b in
            a.offset + a.span != b.offset + b.span ? a.offset + a.span < b.offset + b.span : a.pattern < b.pattern
        }
        matches.forEach(report)
    }
}
