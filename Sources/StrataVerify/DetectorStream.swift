/// A `DetectorScanner` partway through one stream.
public struct DetectorStream: Sendable {
    let scanner: DetectorScanner
    private var anchors = LiteralStream()
    private var checker: DetectorChecker

    init(scanner: DetectorScanner) {
        self.scanner = scanner
        checker = DetectorChecker(longestAnchor: scanner.set.maximumLength)
    }

    public mutating func feed(_ chunk: [UInt8], _ report: (Detection) -> Void) {
        chunk.withUnsafeBufferPointer { feed($0, report) }
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ report: (Detection) -> Void) {
        guard !scanner.set.isEmpty else { return }
        let hits = scanner.hits(anchors.feed(chunk, set: scanner.set))
        checker.feed(chunk, hits: hits, detectors: scanner.detectors, report)
    }

    /// Checks the hits still waiting for look-ahead, at the end of the stream.
    public mutating func finish(_ report: (Detection) -> Void) {
        checker.finish(detectors: scanner.detectors, report)
    }
}
