/// Secret patterns and detectors run together over one stream (a file, a string), in one
/// pass of a `ContentScanner`.
struct ContentScan {
    enum Hit: Hashable {
        /// A pattern index into the secret scanner.
        case secret(Int)
        /// A detector index into the detector scanner.
        case detector(Int)
    }

    private let scanner: ContentScanner
    private var main = LiteralStream()
    private var anchors = LiteralStream()
    private var joiner: LineBreakJoiner
    private var checker: DetectorChecker
    /// The first occurrence of each kind of hit: (offset, length).
    private(set) var first: [Hit: (Int, Int)] = [:]
    /// Hits in the order first seen.
    private(set) var order: [Hit] = []
    /// All spans, for redaction. Only kept when `keepSpans`.
    private(set) var spans: [(Hit, Range<Int>)] = []
    private let keepSpans: Bool

    init(scanner: ContentScanner, keepSpans: Bool = false) {
        self.scanner = scanner
        joiner = LineBreakJoiner(runBytes: scanner.secrets.wrappedRunBytes)
        checker = DetectorChecker(longestAnchor: scanner.detectors.set.maximumLength)
        self.keepSpans = keepSpans
    }

    mutating func feed(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { feed($0) }
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        let scanner = self.scanner
        let direct = main.feed(chunk, set: scanner.secrets.set)
        let hits = scanner.detectors.hits(anchors.feed(chunk, set: scanner.detectors.set))
        let broken = joiner.feed(chunk, set: scanner.secrets.wrapped)
        var found: [(Hit, Int, Int)] = []
        if !direct.isEmpty || !broken.isEmpty {
            ScanStream.merge(direct, broken, scanner: scanner.secrets) { found.append((.secret($0.pattern), $0.offset, $0.span)) }
        }
        checker.feed(chunk, hits: hits, detectors: scanner.detectors.detectors) {
            found.append((.detector($0.detector), $0.offset, $0.length))
        }
        record(found)
    }

    mutating func finish() {
        var found: [(Hit, Int, Int)] = []
        checker.finish(detectors: scanner.detectors.detectors) { found.append((.detector($0.detector), $0.offset, $0.length)) }
        record(found)
    }

    private mutating func record(_ found: [(Hit, Int, Int)]) {
        for (hit, offset, length) in found {
            if first[hit] == nil {
                first[hit] = (offset, length)
                order.append(hit)
            }
            if keepSpans { spans.append((hit, offset..<(offset + length))) }
        }
    }

    /// Scans a whole byte string.
    static func scan(_ bytes: [UInt8], scanner: ContentScanner, keepSpans: Bool = false) -> ContentScan {
        var scan = ContentScan(scanner: scanner, keepSpans: keepSpans)
        scan.feed(bytes)
        scan.finish()
        return scan
    }
}
