import StrataSupport
import Testing

@testable import StrataVerify

/// The skipping matcher (`LiteralSet` through `SecretScanner` and `DetectorScanner`) against a
/// naive search, on random inputs with patterns planted at chunk boundaries, at every
/// alignment, overlapping one another and interrupted by line breaks.
@Suite struct MatcherDifferentialTests {
    /// Every (pattern, offset, span) a naive search finds: strict patterns as written, and
    /// line-wrapped ones also in the text with `\n` and `\r` removed.
    static func naive(_ patterns: [SecretPattern], in text: [UInt8]) -> Set<SecretMatch> {
        var out: Set<SecretMatch> = []
        let kept = text.indices.filter { text[$0] != 0x0a && text[$0] != 0x0d }
        let compacted = kept.map { text[$0] }
        for (index, pattern) in patterns.enumerated() where !pattern.bytes.isEmpty {
            let needle = pattern.bytes
            if text.count >= needle.count {
                for start in 0...(text.count - needle.count) where text[start..<(start + needle.count)].elementsEqual(needle) {
                    out.insert(SecretMatch(pattern: index, offset: start, span: needle.count))
                }
            }
            guard pattern.toleratesLineBreaks, compacted.count >= needle.count else { continue }
            for start in 0...(compacted.count - needle.count) where compacted[start..<(start + needle.count)].elementsEqual(needle) {
                let first = kept[start]
                let last = kept[start + needle.count - 1]
                out.insert(SecretMatch(pattern: index, offset: first, span: last + 1 - first))
            }
        }
        return out
    }

    /// Feeds `text` in chunks of the given sizes (cycled).
    static func chunked(_ scanner: SecretScanner, _ text: [UInt8], sizes: [Int]) -> [SecretMatch] {
        var stream = scanner.stream()
        var out: [SecretMatch] = []
        var start = 0
        var turn = 0
        while start < text.count {
            let end = min(text.count, start + sizes[turn % sizes.count])
            stream.feed(Array(text[start..<end])) { out.append($0) }
            start = end
            turn += 1
        }
        return out
    }

    static func randomPatterns(_ generator: inout SplitMix, alphabet: [UInt8], count: Int, lengths: ClosedRange<Int>) -> [SecretPattern] {
        (0..<count).map { i in
            let length = lengths.lowerBound + Int(generator.next() % UInt64(lengths.count))
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            return SecretPattern(secretID: "p\(i)", encoding: i % 2 == 0 ? "raw" : "base64", bytes: bytes, secretLength: length, toleratesLineBreaks: i % 2 == 1)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func agreesWithNaiveSearchOnRandomTextWithPlantedPatterns(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        // A small alphabet with line breaks: overlaps, nested matches and broken ones are common.
        let alphabet = Array("abcAB\n".utf8)
        let patterns = Self.randomPatterns(&generator, alphabet: Array("abcAB".utf8), count: 24, lengths: 1...12)
        var text = (0..<6000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        // Plant each pattern, sometimes with a line break inside, at many places.
        for (index, pattern) in patterns.enumerated() {
            for copy in 0..<4 {
                var bytes = pattern.bytes
                if copy % 2 == 1 && bytes.count > 1 { bytes.insert(0x0a, at: 1 + Int(generator.next() % UInt64(bytes.count - 1))) }
                let at = Int(generator.next() % UInt64(text.count - bytes.count))
                text.replaceSubrange(at..<(at + bytes.count), with: bytes)
                _ = index
            }
        }
        let scanner = SecretScanner(patterns: patterns)
        let expected = Self.naive(patterns, in: text)
        let whole = scanner.matches(in: text)
        #expect(Set(whole) == expected)
        #expect(whole.count == expected.count)
        for sizes in [[1], [7], [64, 3, 1000], [4096]] {
            #expect(Self.chunked(scanner, text, sizes: sizes) == whole)
        }
    }

    /// Long patterns (the shape of encoded secrets) on binary noise, planted across each
    /// boundary of 256-byte chunks at every alignment, and line-wrapped at 76 columns.
    @Test(arguments: [0, 1, 2, 3])
    func findsLongPatternsAtEveryAlignmentAcrossBoundaries(wrapped: Int) {
        var generator = SplitMix(seed: 99 + UInt64(wrapped))
        let secrets = (0..<16).map { i in
            SecretSpec(id: "s\(i)", value: (0..<(8 + i * 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        let scanner = SecretScanner(secrets: secrets)
        let base64 = scanner.patterns.filter { $0.encoding == "base64" }.map(\.bytes)
        var text = (0..<(64 * 256)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // One pattern across each boundary, shifted by one more byte each time.
        for boundary in 1..<63 {
            let pattern = base64[boundary % base64.count]
            var bytes = pattern
            if wrapped > 0 { bytes.insert(wrapped == 3 ? 0x0d : 0x0a, at: (boundary * 5) % (bytes.count - 1) + 1) }
            if wrapped == 3 { bytes.insert(0x0a, at: (boundary * 5) % (bytes.count - 1) + 2) }
            let at = boundary * 256 - (boundary % bytes.count) - 1
            text.replaceSubrange(at..<(at + bytes.count), with: bytes)
        }
        let expected = Self.naive(scanner.patterns, in: text)
        #expect(expected.count >= 62)
        #expect(Set(scanner.matches(in: text)) == expected)
        #expect(Self.chunked(scanner, text, sizes: [256]) == scanner.matches(in: text))
        #expect(Self.chunked(scanner, text, sizes: [255, 257, 13]) == scanner.matches(in: text))
    }

    /// The detectors' anchors, in any case, found where a naive case-insensitive search finds
    /// them, whatever the chunking.
    @Test(arguments: [1, 3, 64, 511, 4096])
    func detectionsDoNotDependOnChunking(chunk: Int) {
        var generator = SplitMix(seed: 7)
        let tokens = [
            "ghp_" + String(repeating: "aB3", count: 12), "AKIAZ3Q7RX4MBN2KT5WP", "glpat-" + String(repeating: "x1Y", count: 8),
            "password = \"Zq8!xv2#Lm\"", "xoxb-12345678-abcdefghijklmno", "sk_live_" + String(repeating: "4f", count: 12),
        ]
        var text: [UInt8] = []
        for i in 0..<400 {
            text += (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            text += Array(tokens[i % tokens.count].utf8)
        }
        let scanner = DetectorScanner()
        let whole = scanner.detections(in: text)
        #expect(Set(whole.map(\.detector)).count == tokens.count)
        var stream = scanner.stream()
        var found: [Detection] = []
        for start in stride(from: 0, to: text.count, by: chunk) {
            stream.feed(Array(text[start..<min(text.count, start + chunk)])) { found.append($0) }
        }
        stream.finish { found.append($0) }
        #expect(found == whole)
    }

    @Test func caselessPatternsMatchEveryCaseAndCaseSensitiveOnesOnlyTheirOwn() {
        let set = LiteralSet(patterns: [Array("token".utf8), Array("Secret99".utf8)], caseless: [true, false])
        let text = Array("ToKeN secret99 Secret99 TOKEN".utf8)
        let found = text.withUnsafeBufferPointer { set.occurrences(in: $0) }
        #expect(found.map(\.pattern) == [0, 1, 0])
        #expect(found.map(\.start) == [0, 15, 24])
    }
}

/// Short detector anchors are searched together with the byte that must follow them
/// (`Detector.followers`); that is only sound if each check refuses every other next byte.
@Suite struct DetectorFollowerTests {
    /// A value each detector with followers accepts after its anchor.
    static let validTails = ["aws-access-key-id": "Q7Q7Q7Q7Q7Q7Q7Q7", "github-token": String(repeating: "Q7", count: 18)]

    @Test func everyCheckRefusesAnAnchorFollowedByAByteOutsideItsFollowers() throws {
        for detector in Detector.builtIn {
            guard let followers = detector.followers else { continue }
            let tail = try #require(Self.validTails[detector.id], "no valid tail for \(detector.id)")
            for anchor in detector.anchors where anchor.utf8.count <= ShiftMatcher.minimumLength {
                let spelling = detector.id == "aws-access-key-id" ? anchor.uppercased() : anchor
                func check(_ value: [UInt8]) -> Range<Int>? {
                    let text = Array("x ".utf8) + Array(spelling.utf8) + value + Array(" y".utf8)
                    return text.withUnsafeBufferPointer { buffer in
                        detector.validate(DetectorWindow(bytes: buffer, anchor: 2..<(2 + spelling.utf8.count)))
                    }
                }
                #expect(check(Array(tail.utf8)) != nil, "\(detector.id) refuses \(spelling)\(tail)")
                for byte in UInt8(0)...UInt8(255) where !followers.contains(ByteClass.lower(byte)) {
                    #expect(check([byte] + Array(tail.utf8.dropFirst())) == nil, "\(detector.id) accepted \(spelling) followed by byte \(byte)")
                }
            }
        }
    }
}
