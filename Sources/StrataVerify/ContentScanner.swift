/// The secret patterns and the detectors' anchors in one `LiteralSet`, so that an audit reads
/// each byte of a file once (at most) for both.
///
/// Local indices below `anchorBase` are secret patterns (as in `secrets.patterns`); the rest
/// are anchors (as in `detectors.set`).
struct ContentScanner: Sendable {
    let secrets: SecretScanner
    let detectors: DetectorScanner
    let set: LiteralSet
    let anchorBase: Int

    init(secrets: SecretScanner, detectors: DetectorScanner) {
        self.secrets = secrets
        self.detectors = detectors
        anchorBase = secrets.set.patterns.count
        set = LiteralSet(
            patterns: secrets.set.patterns + detectors.set.patterns,
            caseless: secrets.set.patterns.map { _ in false } + detectors.set.patterns.map { _ in true })
    }
}
