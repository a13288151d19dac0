/// The secret scanner and the detectors, run together over each stream by a `ContentScan`.
///
/// They find different kinds of literal differently: the secrets' long encoded patterns with
/// a skipping matcher that reads few bytes, the detectors' short case-insensitive anchors with
/// a vectorised filter that reads every byte quickly. Both read the same chunk while it is in
/// cache.
struct ContentScanner: Sendable {
    let secrets: SecretScanner
    let detectors: DetectorScanner
}
