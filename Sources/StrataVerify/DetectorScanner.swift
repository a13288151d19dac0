/// Runs all detectors over streams: one case-insensitive pass (`AnchorSet`) finds every
/// anchor, and each hit is checked once enough bytes after it have arrived.
public struct DetectorScanner: Sendable {
    public let detectors: [Detector]
    let set: AnchorSet
    /// Detector index for each anchor in `set`.
    let owner: [Int]

    public init(detectors: [Detector] = Detector.builtIn) {
        self.detectors = detectors
        let anchors = detectors.indices.flatMap { index in detectors[index].anchors.map { (index, Array($0.utf8)) } }
        owner = anchors.map(\.0)
        set = AnchorSet(patterns: anchors.map(\.1))
    }

    public func stream() -> DetectorStream { DetectorStream(scanner: self) }

    /// Every detection in `bytes`.
    public func detections(in bytes: [UInt8]) -> [Detection] {
        var stream = stream()
        var out: [Detection] = []
        stream.feed(bytes) { out.append($0) }
        stream.finish { out.append($0) }
        return out
    }

    /// Anchor hits from `set` as the checker takes them.
    func hits(_ found: [(pattern: Int, start: Int)]) -> [(detector: Int, start: Int, end: Int)] {
        found.map { (owner[$0.pattern], $0.start, $0.start + set.lengths[$0.pattern]) }
    }
}
