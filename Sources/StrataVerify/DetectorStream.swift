/// A `DetectorScanner` partway through one stream.
public struct DetectorStream: Sendable {
    let scanner: DetectorScanner
    private var state: Int32 = 0
    /// Bytes fed so far.
    private var offset = 0
    /// The last bytes seen, starting at stream offset `windowStart`.
    private var window: [UInt8] = []
    private var windowStart = 0
    /// Anchor hits waiting for their look-ahead: (detector, start, end) in stream offsets.
    private var pending: [(Int, Int, Int)] = []
    /// The end of the last reported detection, so overlapping anchors report once.
    private var reportedUpTo = 0

    init(scanner: DetectorScanner) { self.scanner = scanner }

    public mutating func feed(_ chunk: [UInt8], _ report: (Detection) -> Void) {
        guard !scanner.automaton.isEmpty else { return }
        let base = offset
        let scanner = self.scanner
        var found: [(Int, Int, Int)] = []
        state = chunk.withUnsafeBufferPointer { buffer in
            scanner.automaton.run(buffer, from: state) { anchor, end in
                let length = scanner.automaton.lengths[Int(anchor)]
                found.append((scanner.owner[Int(anchor)], base + end - length, base + end))
            }
        }
        pending.append(contentsOf: found)
        offset += chunk.count
        if pending.isEmpty {
            // Nothing to check: keep only the look-behind a future anchor may need.
            keep(chunk)
            return
        }
        window.append(contentsOf: chunk)
        settle(final: false, report)
        trim()
    }

    /// Checks the hits still waiting for look-ahead, at the end of the stream.
    public mutating func finish(_ report: (Detection) -> Void) {
        settle(final: true, report)
    }

    private mutating func settle(final: Bool, _ report: (Detection) -> Void) {
        var waiting: [(Int, Int, Int)] = []
        for hit in pending {
            let (detector, start, end) = hit
            guard final || end + Detector.lookAhead <= offset else {
                waiting.append(hit)
                continue
            }
            guard start >= reportedUpTo else { continue }
            let from = max(windowStart, start - Detector.lookBehind)
            let to = min(offset, end + Detector.lookAhead)
            let text = Array(window[(from - windowStart)..<(to - windowStart)])
            let view = DetectorWindow(bytes: text, anchor: (start - from)..<(end - from))
            if let range = scanner.detectors[detector].validate(view) {
                report(Detection(detector: detector, offset: from + range.lowerBound, length: range.count))
                reportedUpTo = from + range.upperBound
            }
        }
        pending = waiting
    }

    /// Drops bytes no pending hit or future anchor can need.
    private mutating func trim() {
        let needed = min(pending.map { $0.1 }.min() ?? offset, offset) - Detector.lookBehind
        let drop = min(needed - windowStart, window.count)
        if drop > 0 {
            window.removeFirst(drop)
            windowStart += drop
        }
    }

    private mutating func keep(_ chunk: [UInt8]) {
        let limit = Detector.lookBehind
        if chunk.count >= limit {
            window = Array(chunk[(chunk.count - limit)...])
        } else {
            window.append(contentsOf: chunk)
            if window.count > limit { window.removeFirst(window.count - limit) }
        }
        windowStart = offset - window.count
    }
}
