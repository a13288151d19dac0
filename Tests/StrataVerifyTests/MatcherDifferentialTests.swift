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

    @Test func secretPatternsMatchOnlyTheirOwnCase() {
        let set = LiteralSet(patterns: [Array("Secret99".utf8), Array("ab".utf8)])
        let text = Array("secret99 Secret99 SECRET99 AB ab".utf8)
        let found = text.withUnsafeBufferPointer { set.occurrences(in: $0) }
        #expect(found.map(\.pattern) == [0, 1])
        #expect(found.map(\.start) == [9, 30])
    }
}

/// The detectors' anchor filter (`AnchorSet`, Teddy in C) against a naive case-insensitive
/// search, on its vector path and on its portable one.
@Suite struct AnchorSetTests {
    static func naive(_ patterns: [[UInt8]], in text: [UInt8]) -> Set<[Int]> {
        let lowered = text.map(ByteClass.lower)
        var out: Set<[Int]> = []
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count {
            let needle = pattern.map(ByteClass.lower)
            for start in 0...(text.count - needle.count) where lowered[start..<(start + needle.count)].elementsEqual(needle) {
                out.insert([index, start])
            }
        }
        return out
    }

    static func found(_ set: AnchorSet, in text: [UInt8]) -> [[Int]] {
        var out: [[Int]] = []
        text.withUnsafeBufferPointer { buffer in set.search(buffer) { out.append([$0, $1]) } }
        return out
    }

    /// More anchors than buckets, sharing prefixes, of one to twelve bytes, in text where they
    /// overlap often and appear in every case; every buffer length up to 100 exercises the
    /// vector loop's tail.
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func agreesWithNaiveCaseInsensitiveSearchOnBothPaths(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let alphabet = Array("abcAB_-1".utf8)
        let patterns = (0..<(10 + Int(seed) * 5)).map { _ in
            (0..<(1 + Int(generator.next() % 12))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        }
        let vector = AnchorSet(patterns: patterns)
        let portable = AnchorSet(patterns: patterns, portable: true)
        let text = (0..<5000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        let expected = Self.naive(patterns, in: text)
        #expect(!expected.isEmpty)
        let found = Self.found(vector, in: text)
        #expect(Set(found) == expected)
        #expect(found.count == expected.count)
        #expect(Self.found(portable, in: text) == found)
        for length in 0...100 {
            let prefix = Array(text.prefix(length))
            #expect(Set(Self.found(vector, in: prefix)) == Self.naive(patterns, in: prefix), "length \(length)")
        }
    }

    /// The built-in anchors planted in binary noise, in mixed case, are each found exactly
    /// where they are; a candidate-dense input (so many that the C filter's output fills and
    /// resumes) gives the same answer on both paths.
    @Test func findsTheBuiltInAnchorsInNoiseAndResumesWhenCandidatesOverflow() {
        var generator = SplitMix(seed: 42)
        let scanner = DetectorScanner()
        let anchors = scanner.set.patterns
        var text = (0..<(1 << 16)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for (k, anchor) in anchors.enumerated() {
            let spelled = anchor.enumerated().map { $0.offset % 2 == k % 2 && ByteClass.isLower($0.element) ? $0.element - 32 : $0.element }
            let at = 1000 * (k + 1) + k % 7
            text.replaceSubrange(at..<(at + spelled.count), with: spelled)
        }
        #expect(Set(Self.found(scanner.set, in: text)) == Self.naive(anchors, in: text))
        let runs = [Array("aaaa".utf8), Array("aA".utf8)]
        let dense = [UInt8](repeating: UInt8(ascii: "a"), count: 3000) + Array("AAAA".utf8)
        let denseFound = Self.found(AnchorSet(patterns: runs), in: dense)
        #expect(denseFound.count == 3001 + 3003)
        #expect(Set(denseFound) == Self.naive(runs, in: dense))
        #expect(Self.found(AnchorSet(patterns: runs, portable: true), in: dense) == denseFound)
    }
}

/// The line-break joiner's run search (vectorised in C) against a byte-by-byte walk, on its
/// vector path and on its portable one.
@Suite struct BrokenRunTests {
    /// Every run the joiner would search, from the start of `text`: each maximal stretch of run
    /// bytes (cut off where the previous one ended) that holds a line break and is at least
    /// `minimum` long.
    static func naive(_ text: [UInt8], _ member: [Bool], minimum: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var floor = 0
        var p = 0
        while p < text.count {
            guard text[p] == 0x0a || text[p] == 0x0d else {
                p += 1
                continue
            }
            var s = p
            while s > floor && member[Int(text[s - 1])] { s -= 1 }
            var e = p + 1
            while e < text.count && member[Int(text[e])] { e += 1 }
            if e - s >= minimum { out.append(s..<e) }
            floor = e + 1
            p = e + 1
        }
        return out
    }

    static func runs(_ text: [UInt8], _ runBytes: LineBreakJoiner.RunBytes, minimum: Int, portable: Bool) -> [Range<Int>] {
        text.withUnsafeBufferPointer { buffer in
            var out: [Range<Int>] = []
            var from = 0
            while let run = LineBreakJoiner.nextBrokenRun(buffer, from: from, runBytes: runBytes, minimum: minimum, portable: portable) {
                out.append(run)
                from = run.upperBound + 1
            }
            return out
        }
    }

    /// Run bytes drawn from both halves of the byte range (the vector path classifies bytes
    /// from 128 up with a second table), runs of every length around 64-byte blocks, and
    /// every prefix length up to 200 for the tail.
    @Test(arguments: [1, 2, 3, 4, 5])
    func findsTheSameRunsAsAByteByByteWalkOnBothPaths(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        var member = [Bool](repeating: false, count: 256)
        for _ in 0..<100 { member[Int(generator.next() % 256)] = true }
        member[0x0a] = true
        member[0x0d] = true
        let inside = (0..<256).filter { member[$0] && $0 != 0x0a && $0 != 0x0d }.map(UInt8.init)
        let outside = (0..<256).filter { !member[$0] }.map(UInt8.init)
        var text: [UInt8] = []
        while text.count < 20_000 {
            let length = Int(generator.next() % (seed % 2 == 0 ? 12 : 150))
            text += (0..<length).map { _ in
                switch generator.next() % 30 {
                case 0: 0x0a
                case 1: 0x0d
                default: inside[Int(generator.next() % UInt64(inside.count))]
                }
            }
            text.append(outside[Int(generator.next() % UInt64(outside.count))])
        }
        let runBytes = LineBreakJoiner.RunBytes(table: member)
        for minimum in [1, 5, 21, 70] {
            let expected = Self.naive(text, member, minimum: minimum)
            if minimum <= 5 { #expect(!expected.isEmpty) }
            #expect(Self.runs(text, runBytes, minimum: minimum, portable: false) == expected)
            #expect(Self.runs(text, runBytes, minimum: minimum, portable: true) == expected)
        }
        for length in 0...200 {
            let prefix = Array(text.prefix(length))
            #expect(Self.runs(prefix, runBytes, minimum: 5, portable: false) == Self.naive(prefix, member, minimum: 5))
        }
    }
}

/// How the anchor filter groups anchors into its eight buckets.
@Suite struct AnchorFingerprintTests {
    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    @Test func eightOrFewerAnchorsEachGetABucketOfTheirOwn() {
        let buckets = AnchorFingerprint.buckets(for: Self.bytes(["ghp_", "token", "akia"]), count: 8)
        #expect(buckets.count == 8)
        #expect(buckets.filter { !$0.isEmpty } == [[0], [1], [2]])
    }

    /// Anchors that differ in one byte cost almost nothing together; the grouping keeps them
    /// together and away from unlike ones, and costs less than cutting the sorted list.
    @Test func groupsLikeAnchorsAndBeatsSortedRuns() {
        let words = Detector.builtIn.flatMap(\.anchors)
        let patterns = Self.bytes(words)
        let buckets = AnchorFingerprint.buckets(for: patterns, count: 8)
        #expect(buckets.flatMap { $0 }.sorted() == Array(patterns.indices))
        let xox = Set(words.indices.filter { words[$0].hasPrefix("xox") })
        #expect(buckets.contains { xox.isSubset(of: Set($0)) })
        func cost(_ groups: [[Int]]) -> Double {
            groups.filter { !$0.isEmpty }.map { group in
                group.dropFirst().reduce(AnchorFingerprint(patterns[group[0]])) { $0.union(AnchorFingerprint(patterns[$1])) }.cost
            }.reduce(0, +)
        }
        let sorted = patterns.indices.sorted { patterns[$0].lexicographicallyPrecedes(patterns[$1]) }
        let perBucket = (sorted.count + 7) / 8
        let runs = stride(from: 0, to: sorted.count, by: perBucket).map { Array(sorted[$0..<min(sorted.count, $0 + perBucket)]) }
        #expect(cost(buckets) < cost(runs))
        #expect(AnchorFingerprint.buckets(for: patterns, count: 8) == buckets)
    }
}
