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

    init(id: String, rule: String, anchors: [String], validate: @escaping @Sendable (DetectorWindow) -> Range<Int>?) {
        self.id = id
        self.rule = rule
        self.anchors = anchors.map { $0.lowercased() }
        self.validate = validate
    }

    /// How many bytes before an anchor and after its end a detector may look at.
    static let lookBehind = 64
    static let lookAhead = 512
}

/// The bytes around one anchor hit.
public struct DetectorWindow {
    let bytes: [UInt8]
    /// The anchor's range in `bytes`.
    let anchor: Range<Int>

    /// The byte before the anchor, or nil at the start of the text.
    var before: UInt8? { anchor.lowerBound > 0 ? bytes[anchor.lowerBound - 1] : nil }

    /// Whether the anchor is spelled exactly (case-sensitively) as `text`.
    func anchorIs(_ text: String) -> Bool { Array(bytes[anchor]) == Array(text.utf8) }

    /// The end of the run of bytes satisfying `predicate` starting at `start`.
    func run(from start: Int, limit: Int = Int.max, _ predicate: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count && end - start < limit && predicate(bytes[end]) { end += 1 }
        return end
    }

    func byte(at index: Int) -> UInt8? { bytes.indices.contains(index) ? bytes[index] : nil }

    func hasPrefix(_ text: String, at index: Int) -> Bool {
        let needle = Array(text.utf8)
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        return Array(bytes[index..<(index + needle.count)]) == needle
    }
}

enum ByteClass {
    static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    static func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isAlpha(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
    static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) }
    static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "_") }
    static func isBase64(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") }
    static func isTokenChar(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") }
}
