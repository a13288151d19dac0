/// The bytes around one anchor hit, borrowed from the stream's chunk for the duration of
/// one check (never stored).
public struct DetectorWindow {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The anchor's range in `bytes`.
    let anchor: Range<Int>

    /// The byte before the anchor, or nil at the start of the text.
    var before: UInt8? { anchor.lowerBound > 0 ? bytes[anchor.lowerBound - 1] : nil }

    /// Whether the anchor is spelled exactly (case-sensitively) as `text`.
    func anchorIs(_ text: String) -> Bool { bytes[anchor].elementsEqual(text.utf8) }

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
        return bytes[index..<(index + needle.count)].elementsEqual(needle)
    }
}
