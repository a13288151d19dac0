/// Runs all detectors over streams: one skipping case-insensitive pass finds every anchor,
/// and each hit is checked once enough bytes after it have arrived.
public struct DetectorScanner: Sendable {
    public let detectors: [Detector]
    let set: LiteralSet
    /// Detector index for each searched anchor.
    let owner: [Int]
    /// The length of the anchor each searched string stands for (shorter when followers
    /// were appended).
    let anchorLength: [Int]

    public init(detectors: [Detector] = Detector.builtIn) {
        self.detectors = detectors
        var anchors: [[UInt8]] = []
        var owner: [Int] = []
        var anchorLength: [Int] = []
        for (index, detector) in detectors.enumerated() {
            for searched in detector.searchedAnchors {
                anchors.append(searched.bytes)
                owner.append(index)
                anchorLength.append(searched.anchorLength)
            }
        }
        self.owner = owner
        self.anchorLength = anchorLength
        set = LiteralSet(patterns: anchors, caseless: anchors.map { _ in true })
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
}
