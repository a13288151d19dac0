import Foundation
import StrataArchive
import Testing

@testable import StrataVerify

@Suite struct HostileInputTests {
    let auditor = ImageAuditor(secrets: [SecretSpec(id: "tok", text: "tk-5c2e9a71b04d4f0e8a3b")])

    func image(layers: [[UInt8]], config: String = #"{"history":[]}"#) -> InMemoryImage {
        InMemoryImage(configJSON: Array(config.utf8), layers: layers)
    }

    func tar(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var writer = TarWriter()
        for (path, contents) in entries { writer.append(TarHeader(path: path, kind: .file), contents: contents) }
        return writer.finish()
    }

    @Test func truncatedGzipLayerIsAnError() throws {
        let gz = try Gzip.compress(tar([("a", Array(repeating: 65, count: 100_000))]))
        let cut = Array(gz.prefix(gz.count / 2))
        #expect {
            try auditor.audit(image(layers: [cut]), name: "t")
        } throws: { error in
            guard case VerifyError.badLayer(0, _) = error else { return false }
            return "\(error)".hasPrefix("layer 0: ")
        }
    }

    @Test func truncatedTarIsAnError() throws {
        let whole = tar([("a", Array(repeating: 65, count: 5000))])
        #expect(throws: VerifyError.badLayer(0, .truncated)) {
            try auditor.audit(image(layers: [Array(whole.prefix(1500))]), name: "t")
        }
    }

    @Test func absurdEntrySizeIsATruncationNotAnAllocation() throws {
        // A header claiming 4 GiB of content followed by a few bytes.
        var writer = TarWriter()
        writer.append(TarHeader(path: "big", kind: .file), contents: [])
        var bytes = writer.bytes
        let octal = Array(String(4 << 30, radix: 8).utf8)
        let field = [UInt8](repeating: UInt8(ascii: "0"), count: 11 - octal.count) + octal + [0]
        bytes.replaceSubrange(124..<136, with: field)
        bytes.replaceSubrange(148..<156, with: Array(repeating: UInt8(ascii: " "), count: 8))
        let sum = bytes[0..<512].reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        bytes.replaceSubrange(148..<156, with: [UInt8](repeating: UInt8(ascii: "0"), count: 6 - digits.count) + digits + [0, 32])
        bytes += Array(repeating: 0x41, count: 4096)
        #expect(throws: VerifyError.badLayer(0, .truncated)) {
            try auditor.audit(image(layers: [bytes]), name: "big")
        }
    }

    @Test func decompressionBombStopsAtTheLimit() throws {
        var limits = AuditLimits()
        limits.layerBytes = 1 << 20
        let bomb = try Gzip.compress(tar([("zeros", [UInt8](repeating: 0, count: 4 << 20))]))
        #expect(bomb.count < 64 << 10)
        let limited = ImageAuditor(secrets: [], limits: limits)
        #expect(throws: VerifyError.badLayer(0, .tooLarge(limit: 1 << 20))) {
            try limited.audit(image(layers: [bomb]), name: "bomb")
        }
    }

    @Test func garbageLayerIsAnError() {
        let garbage = (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        #expect {
            try auditor.audit(image(layers: [garbage]), name: "g")
        } throws: { error in
            if case VerifyError.badLayer(0, _) = error { return true }
            return false
        }
    }

    @Test(arguments: ["../etc/passwd", "app/../../etc/shadow", "./a/../../b", ".."])
    func pathTraversalIsRefused(name: String) {
        #expect(throws: VerifyError.unsafePath(name, layer: 0)) {
            try auditor.audit(image(layers: [tar([(name, [])])]), name: "p")
        }
    }

    @Test func absoluteAndDotPathsAreNormalized() throws {
        let report = try auditor.audit(image(layers: [tar([("/./app//x", Array("tk-5c2e9a71b04d4f0e8a3b".utf8))])]), name: "n")
        #expect(report.findings.map(\.path) == ["app/x"])
    }

    @Test func deeplyNestedConfigIsRefused() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: VerifyError.badConfig("nested deeper than 64 levels")) {
            try auditor.audit(image(layers: [], config: #"{"config":{"Labels":"# + deep + "}}"), name: "deep")
        }
    }

    @Test(arguments: ["not json", "[1,2]", #"{"history": 3}"#])
    func malformedConfigIsAnError(config: String) {
        #expect {
            try auditor.audit(image(layers: [], config: config), name: "bad")
        } throws: { error in
            if case VerifyError.badConfig = error { return true }
            return false
        }
    }

    @Test func layerCountMustMatchDiffIDs() {
        let config = #"{"rootfs":{"type":"layers","diff_ids":["sha256:aa","sha256:bb"]}}"#
        #expect(throws: VerifyError.badConfig("rootfs.diff_ids lists 2 layers but the image has 1")) {
            try auditor.audit(image(layers: [tar([("a", [1])])], config: config), name: "short")
        }
    }

    @Test func oversizedConfigIsRefused() {
        var limits = AuditLimits()
        limits.configBytes = 1000
        let big = #"{"config":{"Env":[""# + String(repeating: "x", count: 2000) + #""]}}"#
        #expect(throws: VerifyError.badConfig("larger than 1000 bytes")) {
            try ImageAuditor(secrets: [], limits: limits).audit(image(layers: [], config: big), name: "big")
        }
    }

    @Test func truncatedGzipFileInsideALayerIsScannedAsFarAsItGoes() throws {
        let inner = try Gzip.compress(Array("tk-5c2e9a71b04d4f0e8a3b\n".utf8) + (0..<20_000).flatMap { Array("log line \($0)\n".utf8) })
        let broken = Array(inner.prefix(inner.count - 200))
        let report = try auditor.audit(image(layers: [tar([("var/log.gz", broken)])]), name: "inner")
        #expect(report.findings.map { "\($0.path ?? "") \($0.encoding)" } == ["var/log.gz gzip+raw"])
    }

    @Test func findingsAreCappedForTinySecretsThatMatchEverywhere() throws {
        var limits = AuditLimits()
        limits.maxFindings = 5
        let entries = (0..<50).map { ("f\($0)", Array("aaaa".utf8)) }
        let report = try ImageAuditor(secrets: [SecretSpec(id: "a", text: "a")], limits: limits).audit(image(layers: [tar(entries)]), name: "cap")
        #expect(report.findings.count == 5)
        #expect(report.truncated == true)
        #expect(try report.renderJSON(pretty: false).contains(#""truncated":true"#))
    }
}
