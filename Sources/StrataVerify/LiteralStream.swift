/// What `LiteralStream` needs of a set of literals: the secret patterns (`LiteralSet`) and the
/// detectors' anchors (`AnchorSet`) are searched differently but streamed alike.
protocol LiteralSearching: Sendable {
    var lengths: [Int] { get }
    var maximumLength: Int { get }
    var isEmpty: Bool { get }
    /// Calls `report(pattern, start)` for every occurrence wholly inside `buffer`.
    func search(_ buffer: UnsafeBufferPointer<UInt8>, _ report: (Int, Int) -> Void)
}

/// A search of a `LiteralSet` or `AnchorSet` over a stream fed in chunks.
///
/// Each chunk is searched in place; only the last `maximumLength - 1` bytes of the stream
/// are kept, and joined to the start of the next chunk to find the occurrences that straddle
/// the boundary. An occurrence is reported with the chunk holding its last byte, so the
/// sequence of occurrences (ordered by end, then pattern) does not depend on the chunking.
struct LiteralStream: Sendable {
    /// Bytes fed so far.
    private(set) var offset = 0
    private var carry: [UInt8] = []

    /// Every occurrence ending in `chunk`, as (pattern, stream offset of its first byte),
    /// ordered by end, then pattern.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, set: some LiteralSearching) -> [(pattern: Int, start: Int)] {
        guard !set.isEmpty else {
            offset += chunk.count
            return []
        }
        var found: [(pattern: Int, start: Int)] = []
        let base = offset
        if !carry.isEmpty {
            let carried = carry.count
            let joint = carry + chunk.prefix(set.maximumLength - 1)
            joint.withUnsafeBufferPointer { joint in
                set.search(joint) { pattern, start in
                    // Only the occurrences that straddle the boundary: the others are found
                    // in the chunk, or were found before.
                    if start < carried && start + set.lengths[pattern] > carried {
                        found.append((pattern, base - carried + start))
                    }
                }
            }
        }
        set.search(chunk) { pattern, start in found.append((pattern, base + start)) }
        let keep = set.maximumLength - 1
        if chunk.count >= keep {
            carry = Array(chunk.suffix(keep))
        } else {
            carry.append(contentsOf: chunk)
            if carry.count > keep { carry.removeFirst(carry.count - keep) }
        }
        offset += chunk.count
        return LiteralSet.sortedByEnd(found, lengths: set.lengths)
    }
}
