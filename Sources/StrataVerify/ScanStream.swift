/// The state of a `SecretScanner` partway through one stream, so that a match split across
/// two chunks is still found.
public struct ScanStream: Sendable {
    let scanner: SecretScanner
    private var strictState: Int32 = 0
    private var wrappedState: Int32 = 0
    /// Bytes fed so far.
    public private(set) var offset = 0
    /// The end of the previous chunks, to find where a wrapped match that began there starts.
    private var tail: [UInt8] = []

    init(scanner: SecretScanner) { self.scanner = scanner }

    /// Scans the next chunk, reporting each match as soon as its last byte is seen.
    public mutating func feed(_ chunk: [UInt8], _ report: (SecretMatch) -> Void) {
        chunk.withUnsafeBufferPointer { feed($0, report) }
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ report: (SecretMatch) -> Void) {
        let base = offset
        let scanner = self.scanner
        if !scanner.strict.isEmpty {
            strictState = scanner.strict.run(chunk, from: strictState) { local, end in
                let length = scanner.strict.lengths[Int(local)]
                report(SecretMatch(pattern: scanner.strictIndex[Int(local)], offset: base + end - length, span: length))
            }
        }
        if !scanner.wrapped.isEmpty {
            let tail = self.tail
            wrappedState = scanner.wrapped.run(chunk, from: wrappedState) { local, end in
                let length = scanner.wrapped.lengths[Int(local)]
                let start = ScanStream.start(ofMatchEndingAt: end, length: length, in: chunk, tail: tail)
                report(SecretMatch(pattern: scanner.wrappedIndex[Int(local)], offset: base + start, span: end - start))
            }
            keepTail(chunk)
        }
        offset += chunk.count
    }

    /// Walks back from `end` over `length` bytes that are not line breaks, into `tail`
    /// (the bytes before `chunk`) when needed. Returns a chunk-relative (possibly negative)
    /// index.
    static func start(ofMatchEndingAt end: Int, length: Int, in chunk: UnsafeBufferPointer<UInt8>, tail: [UInt8]) -> Int {
        var index = end
        var left = length
        while left > 0 {
            index -= 1
            let byte: UInt8
            if index >= 0 {
                byte = chunk[index]
            } else if tail.count + index >= 0 {
                byte = tail[tail.count + index]
            } else {
                // Beyond what was kept: an approximate start, only for absurdly broken text.
                return index - left + 1
            }
            if byte != 0x0a && byte != 0x0d { left -= 1 }
        }
        return index
    }

    /// Keeps the last bytes seen: enough for the longest wrapped pattern with a line break
    /// every 8 characters.
    private mutating func keepTail(_ chunk: UnsafeBufferPointer<UInt8>) {
        let keep = scanner.longestWrapped * 9 / 8 + 64
        if chunk.count >= keep {
            tail = Array(chunk[(chunk.count - keep)...])
        } else {
            tail.append(contentsOf: chunk)
            if tail.count > keep { tail.removeFirst(tail.count - keep) }
        }
    }
}
