/// Replaces every span of text that matches a secret pattern or a detector with a marker,
/// so that names and history lines can be shown in reports.
struct Redactor: Sendable {
    let scanner: ContentScanner

    func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let scan = ContentScan.scan(bytes, scanner: scanner, keepSpans: true)
        guard !scan.spans.isEmpty else { return text }
        var marked: [(Range<Int>, String)] = scan.spans.map { hit, range in
            switch hit {
            case .secret(let index): (range, scanner.secrets.patterns[index].secretID)
            case .detector(let index): (range, scanner.detectors.detectors[index].id)
            }
        }
        marked.sort { $0.0.lowerBound < $1.0.lowerBound }
        var out: [UInt8] = []
        var position = 0
        for (range, id) in marked {
            let start = max(range.lowerBound, 0)
            if start >= position {
                out.append(contentsOf: bytes[position..<start])
                out.append(contentsOf: Array("[redacted:\(id)]".utf8))
            }
            position = max(position, min(range.upperBound, bytes.count))
        }
        out.append(contentsOf: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }
}
