/// A built-in rule that recognises a kind of credential without being told its value.
///
/// Each detector starts from short literal anchors (found by one case-insensitive
/// automaton for all detectors) and then checks the text around an anchor. The check is
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
    /// Bytes (lower case; matched ignoring case) one of which must follow an anchor shorter
    /// than `ShiftMatcher.minimumLength + 1` for `validate` to accept it, or nil. The scanner
    /// then searches for the anchor followed by each of them: a longer shortest pattern lets
    /// the matcher skip further. `validate` still sees the anchor alone.
    let followers: [UInt8]?

    init(
        id: String, rule: String, anchors: [String], followers: [UInt8]? = nil,
        validate: @escaping @Sendable (DetectorWindow) -> Range<Int>?
    ) {
        self.id = id
        self.rule = rule
        self.anchors = anchors.map { $0.lowercased() }
        self.followers = followers.map { Array(Set($0.map(ByteClass.lower))).sorted() }
        self.validate = validate
    }

    /// The literal strings the scanner searches for, each with the length of the anchor it
    /// stands for.
    var searchedAnchors: [(bytes: [UInt8], anchorLength: Int)] {
        anchors.flatMap { anchor -> [(bytes: [UInt8], anchorLength: Int)] in
            let bytes = Array(anchor.utf8)
            guard let followers, bytes.count <= ShiftMatcher.minimumLength else { return [(bytes, bytes.count)] }
            return followers.map { (bytes + [$0], bytes.count) }
        }
    }

    /// How many bytes before an anchor and after its end a detector may look at.
    static let lookBehind = 64
    static let lookAhead = 512
}
