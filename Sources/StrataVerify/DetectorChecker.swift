/// Runs the detectors' checks on anchor hits from a stream, each once the bytes it may look at
/// (`Detector.lookBehind` before, `Detector.lookAhead` after) have arrived.
///
/// A check reads the chunk in place when its window lies inside it (almost always); only
/// hits near a chunk's edges are checked on a copy joined from the kept tail of the stream.
struct DetectorChecker: Sendable {
    /// Anchor hits waiting for their look-ahead: (detector, start, end) in stream offsets,
    /// ordered by end.
    private var pending: [(detector: Int, start: Int, end: Int)] = []
    /// The last bytes of the stream before the current chunk, starting at `tailStart`.
    private var tail: [UInt8] = []
    private var tailStart = 0
    /// Bytes fed so far.
    private var offset = 0
    /// The end of the last reported detection, so overlapping anchors report once.
    private var reportedUpTo = 0
    /// The longest anchor, which bounds how far before a waiting hit's end its window starts.
    private let longestAnchor: Int

    init(longestAnchor: Int) { self.longestAnchor = longestAnchor }

    /// Checks the hits that can be checked once `chunk` is in (earlier ones first, `hits`
    /// ordered by end), reporting each detection.
    mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, hits: [(detector: Int, start: Int, end: Int)], detectors: [Detector],
        _ report: (Detection) -> Void
    ) {
        let base = offset
        let streamEnd = offset + chunk.count
        pending.append(contentsOf: hits)
        var settled = 0
        for hit in pending {
            guard hit.end + Detector.lookAhead <= streamEnd else { break }
            check(hit, upTo: hit.end + Detector.lookAhead, chunk: chunk, base: base, detectors: detectors, report)
            settled += 1
        }
        if settled > 0 { pending.removeFirst(settled) }
        offset = streamEnd
        keepTail(chunk)
    }

    /// Checks the hits still waiting, at the end of the stream.
    mutating func finish(detectors: [Detector], _ report: (Detection) -> Void) {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for hit in pending {
            check(hit, upTo: min(offset, hit.end + Detector.lookAhead), chunk: empty, base: offset, detectors: detectors, report)
        }
        pending = []
    }

    private mutating func check(
        _ hit: (detector: Int, start: Int, end: Int), upTo to: Int, chunk: UnsafeBufferPointer<UInt8>, base: Int,
        detectors: [Detector], _ report: (Detection) -> Void
    ) {
        guard hit.start >= reportedUpTo else { return }
        let from = max(0, hit.start - Detector.lookBehind)
        let anchor = (hit.start - from)..<(hit.end - from)
        let validate = detectors[hit.detector].validate
        let range: Range<Int>?
        if from >= base, let start = chunk.baseAddress {
            range = validate(DetectorWindow(bytes: UnsafeBufferPointer(start: start + (from - base), count: to - from), anchor: anchor))
        } else {
            // The window reaches back into earlier chunks: join the kept tail and the chunk.
            var joined = Array(tail[(from - tailStart)...])
            if to > base { joined.append(contentsOf: chunk.prefix(to - base)) }
            if joined.count > to - from { joined.removeLast(joined.count - (to - from)) }
            range = joined.withUnsafeBufferPointer { validate(DetectorWindow(bytes: $0, anchor: anchor)) }
        }
        if let range {
            report(Detection(detector: hit.detector, offset: from + range.lowerBound, length: range.count))
            reportedUpTo = from + range.upperBound
        }
    }

    /// Keeps the bytes a waiting or future hit's window may need from before the next chunk.
    private mutating func keepTail(_ chunk: UnsafeBufferPointer<UInt8>) {
        let keep = Detector.lookBehind + Detector.lookAhead + longestAnchor
        if chunk.count >= keep {
            tail = Array(chunk.suffix(keep))
        } else {
            tail.append(contentsOf: chunk)
            if tail.count > keep { tail.removeFirst(tail.count - keep) }
        }
        tailStart = offset - tail.count
    }
}
