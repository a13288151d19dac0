/// Secret patterns and detectors run together over one stream (a file, a string).
struct ContentScan {
    enum Hit: Hashable {
        /// A pattern index into the secret scanner.
        case secret(Int)
        /// A detector index into the detector scanner.
        case detector(Int)
    }

    private var secrets: ScanStream
    private var detectors: DetectorStream
    /// The first occurrence of each kind of hit: (offset, length).
    private(set) var first: [Hit: (Int, Int)] = [:]
    /// Hits in the order first seen.
    private(set) var order: [Hit] = []
    /// All spans, for redaction. Only kept when `keepSpans`.
    private(set) var spans: [(Hit, Range<Int>)] = []
    private let keepSpans: Bool

    init(secrets: SecretScanner, detectors: DetectorScanner, keepSpans: Bool = false) {
        self.secrets = secrets.stream()
        self.detectors = detectors.stream()
        self.keepSpans = keepSpans
    }

    mutating func feed(_ chunk: [UInt8]) {
        var found: [(Hit, Int, Int)] = []
        secrets.feed(chunk) { found.append((.secret($0.pattern), $0.offset, $0.span)) }
        detectors.feed(chunk) { found.append((.detector($0.detector), $0.offset, $0.length)) }
        record(found)
    }

    mutating func finish() {
        var found: [(Hit, Int, Int)] = []
        detectors.finish { found.append((.detector($0.detector), $0.offset, $0.length)) }
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
    static func scan(_ bytes: [UInt8], secrets: SecretScanner, detectors: DetectorScanner, keepSpans: Bool = false) -> ContentScan {
        var scan = ContentScan(secrets: secrets, detectors: detectors, keepSpans: keepSpans)
        scan.feed(bytes)
        scan.finish()
        return scan
    }
}
