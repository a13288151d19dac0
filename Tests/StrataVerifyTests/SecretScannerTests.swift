import StrataSupport
import Foundation
import StrataArchive
import Testing

@testable import StrataVerify

/// Runs a tool on this machine with `input` on stdin and returns its stdout.
func runTool(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    try stdin.fileHandleForWriting.write(contentsOf: Data(input))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](output)
}

@Suite struct SecretScannerTests {
    let secret = SecretSpec(id: "tok", text: "ghx-9f8e7d6c5b4a39281706f5e4d3c2b1a0/Zz+Yy")

    func encodings(in bytes: [UInt8], scanner: SecretScanner) -> Set<String> {
        Set(scanner.matches(in: bytes).map { scanner.patterns[$0.pattern].encoding })
    }

    @Test func findsRawOccurrencesWithOffsets() {
        let scanner = SecretScanner(secrets: [secret, SecretSpec(id: "pw", text: "hunter2")])
        let text = Array("x=hunter2\n".utf8) + secret.value + Array(" and hunter2".utf8)
        let found = scanner.matches(in: text).map { (scanner.patterns[$0.pattern].secretID, scanner.patterns[$0.pattern].encoding, $0.offset) }
        #expect(found.map(\.0) == ["pw", "tok", "pw"])
        #expect(found.map(\.1) == ["raw", "raw", "raw"])
        #expect(found.map(\.2) == [2, 10, 10 + secret.value.count + 5])
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func findsMatchesAcrossChunkBoundaries(chunkSize: Int) throws {
        let scanner = SecretScanner(secrets: [secret])
        let encoded = Array(Data(secret.value).base64EncodedString(options: .lineLength64Characters).utf8)
        let text = Array("prefix ".utf8) + secret.value + Array(" middle ".utf8) + encoded + [0x0a]
        var source = BufferSource(text)
        let chunked = try scanner.matches(in: &source, chunkSize: chunkSize)
        #expect(chunked == scanner.matches(in: text))
        #expect(chunked.map { scanner.patterns[$0.pattern].encoding } == ["raw", "base64"])
        #expect(chunked.map(\.offset) == [7, 7 + secret.value.count + 8])
    }

    @Test func agreesWithNaiveSearchOnRandomData() {
        var generator = SplitMix(seed: 42)
        // A small alphabet makes overlapping and nested matches common.
        let haystack = (0..<20_000).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 3) }
        let needles = (0..<40).map { _ in (0..<(1 + Int(generator.next() % 6))).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 3) } }
        let patterns = needles.enumerated().map { SecretPattern(secretID: "n\($0.offset)", encoding: "raw", bytes: $0.element, secretLength: $0.element.count) }
        let scanner = SecretScanner(patterns: patterns)
        var expected: Set<SecretMatch> = []
        for (index, needle) in needles.enumerated() {
            for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle {
                // Equal needles: the automaton reports every pattern index.
                expected.insert(SecretMatch(pattern: index, offset: start, span: needle.count))
            }
        }
        let found = scanner.matches(in: haystack)
        #expect(found.count == expected.count)
        #expect(Set(found) == expected)
    }

    /// The real tools' output, so patterns match what builds actually write.
    @Test(arguments: [
        (["base64"], "base64"),
        (["base64", "-w", "20"], "base64"),
        (["basenc", "--base64url"], "base64url"),
        (["xxd", "-p"], "hex"),
        (["xxd"], "xxd"),
        (["od", "-An", "-tx1", "-w64"], "hex-spaced"),
        (["sha256sum"], "sha256"),
        (["sha1sum"], "sha1"),
        (["md5sum"], "md5"),
    ])
    func matchesWhatToolsWrite(tool: [String], encoding: String) throws {
        // `~~~` encodes to `fn5+`, so the URL-safe forms differ from the standard ones at every
        // alignment; 12 bytes keep the `xxd` dump of it on one 16-byte line.
        let shortSecret = SecretSpec(id: "tok", text: "Sh0~~~~~~3ct")
        for prefix in 0..<3 {
            let input = [UInt8](repeating: UInt8(ascii: "."), count: prefix) + shortSecret.value + Array(" tail".utf8)
            let input2 = (tool.first == "sha256sum" || tool.first == "sha1sum" || tool.first == "md5sum") ? shortSecret.value : input
            let output = try runTool(tool, input: input2)
            #expect(encodings(in: output, scanner: SecretScanner(secrets: [shortSecret])).contains(encoding), "\(tool) prefix \(prefix)")
        }
    }

    @Test func wrappedMatchReportsItsStartAndSpan() {
        let scanner = SecretScanner(secrets: [secret])
        let hex = Encodings.hex(secret.value)
        let wrapped = Array(hex[0..<10]) + [0x0d, 0x0a] + Array(hex[10..<30]) + [0x0a] + Array(hex[30...])
        let text = Array("hex: ".utf8) + wrapped
        let found = scanner.matches(in: text)
        #expect(found == [SecretMatch(pattern: scanner.patterns.firstIndex { $0.encoding == "hex" } ?? -1, offset: 5, span: hex.count + 3)])
    }

    @Test func benchmarkReportsThroughput() throws {
        let result = ScannerBenchmark.run(megabytes: 2, secretCount: 2)
        #expect(result.bytes == 2 << 20)
        #expect(result.patterns > 20)
        #expect(result.megabytesPerSecond > 0)
        let withDetectors = ScannerBenchmark.run(megabytes: 2, secretCount: 2, detectors: true)
        #expect(withDetectors.matches == 0)
        let audit = try ScannerBenchmark.runAudit(megabytes: 2, secretCount: 2)
        #expect(audit.matches == 0)
        print(result)
        print(withDetectors)
        print("audit:", audit)
    }
}
