/// A built-in rule that recognises a kind of credential without being told its value.
///
/// Each detector starts from short literal anchors (found by one case-insensitive
/// filter for all detectors) and then checks the text around an anchor. The check is
/// strict on purpose: a detector must stay quiet on ordinary binaries and configuration.
public struct Detector: Sendable {
    /// Stable id used in findings and SARIF (`aws-access-key-id`).
    public let id: String
    /// What the rule flags, for people and for SARIF rule descriptions.
    public let rule: String
    /// Literal starts of a candidate, in lower case (matched ignoring ASCII case).
    let anchors: [String]
    /// Given the text around an anchor and the anchor's position in it, the range of the
    /// credential, or nil when it is not one.
    let validate: @Sendable (_ text: DetectorWindow) -> Range<Int>?

    init(
        id: String, rule: String, anchors: [String], validate: @escaping @Sendable (DetectorWindow) -> Range<Int>?
    ) {
        self.id = id
        self.rule = rule
        self.anchors = anchors.map { $0.lowercased() }
        self.validate = validate
    }

    /// How many bytes before an anchor and after its end a detector may look at.
    static let lookBehind = 64
    static let lookAhead = 512
}
