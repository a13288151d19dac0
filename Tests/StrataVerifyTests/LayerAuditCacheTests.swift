import Foundation
import StrataArchive
import StrataSupport
import Synchronization
import Testing

@testable import StrataVerify

/// A kept layer audit must give the same report as scanning, and must really stand in for the
/// scan: once kept, the layer's bytes are not read again. Audits with declared secrets are
/// never kept.
@Suite struct LayerAuditCacheTests {
    /// A dictionary behind `LayerAuditCache`, counting saves.
    final class Entries: Sendable {
        let values = Mutex<[String: [UInt8]]>([:])
        let saves = Mutex(0)

        var cache: LayerAuditCache {
            LayerAuditCache(
                load: { key in self.values.withLock { $0[key] } },
                save: { key, _, bytes in
                    self.values.withLock { $0[key] = bytes }
                    self.saves.withLock { $0 += 1 }
                })
        }
    }

    static let key = "aws_access_key_id = AK" + "IA" + "Z3Q7RX4MBN2KT5WP\n"

    /// Layer 0 holds a credential that layer 2 deletes; layer 1 holds another that stays.
    static func image() throws -> InMemoryImage {
        var fixture = ImageFixture()
        try fixture.layer("RUN write key", [.directory("etc/"), .file("etc/aws", key)])
        try fixture.layer("COPY env /app/.env", gzip: false, [.directory("app/"), .file("app/.env", "DB_PASSWORD=Xk9#mQ2vLp7w\n")])
        try fixture.layer("RUN rm /etc/aws", [.directory("etc/"), .file("etc/.wh.aws", "")])
        return try fixture.image()
    }

    static func digests(_ image: InMemoryImage) -> [Digest] { image.layers.map { Digest.of($0) } }

    @Test func keptAuditsGiveTheSameReportAsScanning() throws {
        let image = try Self.image()
        let auditor = ImageAuditor(secrets: [])
        let scanned = try auditor.audit(image, name: "img")
        #expect(!scanned.findings.isEmpty)
        #expect(scanned.findings.contains { $0.removedLater })
        let entries = Entries()
        let first = try auditor.audit(image, name: "img", layerDigests: Self.digests(image), cache: entries.cache)
        let second = try auditor.audit(image, name: "img", layerDigests: Self.digests(image), cache: entries.cache)
        #expect(first == scanned)
        #expect(second == scanned)
        #expect(entries.saves.withLock { $0 } == 3)
    }

    @Test func aKeptLayerIsNotReadAgain() throws {
        let image = try Self.image()
        let auditor = ImageAuditor(secrets: [])
        let entries = Entries()
        let digests = Self.digests(image)
        let scanned = try auditor.audit(image, name: "img", layerDigests: digests, cache: entries.cache)
        // Same digests, unreadable bytes: only the kept results can produce the report.
        let broken = InMemoryImage(configJSON: image.configJSON, layers: image.layers.map { _ in Array("not a tar".utf8) })
        #expect(try auditor.audit(broken, name: "img", layerDigests: digests, cache: entries.cache) == scanned)
    }

    @Test func aKeptLayerTakesItsIndexAndOriginFromTheNewImage() throws {
        let image = try Self.image()
        let auditor = ImageAuditor(secrets: [])
        let entries = Entries()
        _ = try auditor.audit(image, name: "img", layerDigests: Self.digests(image), cache: entries.cache)
        // The credential layer on top of a new base: found at index 1, introduced by its own step.
        var fixture = ImageFixture()
        try fixture.layer("ADD base /", [.file("base.txt", "base\n")])
        var other = try fixture.image()
        other.layers.append(image.layers[0])
        var config = try JSONSerialization.jsonObject(with: Data(other.configJSON)) as? [String: Any] ?? [:]
        config["history"] = [["created_by": "ADD base /"], ["created_by": "RUN write key again"]]
        config["rootfs"] = ["type": "layers", "diff_ids": [String](repeating: "sha256:" + String(repeating: "0", count: 64), count: 2)]
        other.configJSON = [UInt8](try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys]))
        let kept = try auditor.audit(other, name: "other", layerDigests: Self.digests(other), cache: entries.cache)
        #expect(kept == (try auditor.audit(other, name: "other")))
        #expect(kept.findings.contains { $0.layer == 1 && $0.introducedBy?.createdBy == "RUN write key again" })
    }

    @Test func auditsWithDeclaredSecretsAreNeverKept() throws {
        let image = try Self.image()
        let auditor = ImageAuditor(secrets: [SecretSpec(id: "tok", text: "Xk9#mQ2vLp7w")])
        #expect(auditor.layerCacheFingerprint == nil)
        let entries = Entries()
        _ = try auditor.audit(image, name: "img", layerDigests: Self.digests(image), cache: entries.cache)
        #expect(entries.values.withLock { $0.isEmpty })
    }
}
