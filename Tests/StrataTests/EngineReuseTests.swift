import Foundation
import StrataSupport
import Testing

@testable import Strata

/// What a build keeps for the next one (the base image's unpacked tree, layer audits) must not
/// change any result, and a blob the store did not fsync must never be trusted when torn.
@Suite struct EngineReuseTests {
    static let dockerfile = """
        FROM busybox
        RUN echo one > /one && cat /etc/passwd > /copy
        RUN echo two > /two
        """

    @Test func aSecondEngineOnTheSameStoreBuildsTheSameImageFromKeptState() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile)
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["reuse:a"], noCache: true))
            #expect(try engine.store.readRecord("rootfs-" + RootfsCache.key(of: engine.image("busybox").config.diffIDs)) != nil)
            // A new process on the same store: kept tree and audits come from the store's records.
            let again = try Engine(storeRoot: engine.store.root)
            let second = try again.build(BuildRequest(contextDirectory: context, tags: ["reuse:b"], noCache: true))
            #expect(second.imageID == first.imageID)
            #expect(second.report.findings == first.report.findings)
        }
    }

    @Test func aTornLayerBlobIsDetectedRemovedAndRebuilt() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile)
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["torn:a"]))
            let layers = try engine.image("torn:a").manifest.layers
            let runLayer = try #require(layers.dropFirst().first)
            // What a crash can leave of a blob written without fsync: the right size, zeros inside.
            let path = engine.store.url(for: runLayer.digest).path
            try Data(count: runLayer.size).write(to: URL(fileURLWithPath: path))
            // A changed last step needs the first step's tree: the torn layer must not be applied.
            let changed = try makeContext(in: root, dockerfile: Self.dockerfile.replacingOccurrences(of: "echo two", with: "echo three"))
            let fresh = try Engine(storeRoot: engine.store.root)
            #expect {
                try fresh.build(BuildRequest(contextDirectory: changed, tags: ["torn:b"]))
            } throws: { error in
                "\(error)".contains("blob \(runLayer.digest) is corrupt")
            }
            #expect(!FileManager.default.fileExists(atPath: path))
            // The next build re-runs the step, writes the layer again, and gives the same image.
            let rebuilt = try fresh.build(BuildRequest(contextDirectory: context, tags: ["torn:c"]))
            #expect(rebuilt.imageID == first.imageID)
            #expect(try engine.store.get(runLayer.digest).count == runLayer.size)
        }
    }

    @Test func anAuditOfAStoredImageFailsOnATornLayerInsteadOfPassingIt() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile)
            _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["torn:audit"]))
            let runLayer = try #require(try engine.image("torn:audit").manifest.layers.dropFirst().first)
            // Zeros read as an empty tar: only the digest check at the end of the blob tells.
            try Data(count: runLayer.size).write(to: engine.store.url(for: runLayer.digest))
            // A declared secret: nothing kept from an earlier audit applies, every layer is read.
            #expect {
                try Engine(storeRoot: engine.store.root).audit(
                    "torn:audit", secrets: [SecretSource(id: "tok", environmentVariable: "TOK")], environment: ["TOK": "a-token-value"])
            } throws: { error in
                "\(error)".contains("blob \(runLayer.digest) is corrupt")
            }
        }
    }

    @Test func aRebuildOfTheSameImageReadsItsKeptAuditButAuditsWithSecretsAreNeverKept() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile)
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["kept:a"]))
            let kept = try Self.keptImageAudits(engine)
            #expect(kept.count == 1)
            // A later process reads the kept report: the same findings, named for its own tag.
            let second = try Engine(storeRoot: engine.store.root).build(BuildRequest(contextDirectory: context, tags: ["kept:b"]))
            #expect(second.imageID == first.imageID)
            #expect(second.report.findings == first.report.findings)
            #expect(second.report.image == "kept:b")
            // With a declared secret the same image is audited afresh, and nothing is kept.
            let withSecret = try engine.build(BuildRequest(
                contextDirectory: context, tags: ["kept:c"],
                secrets: [SecretSource(id: "tok", environmentVariable: "TOK")], environment: ["TOK": "root:x:0:0:root"]))
            #expect(withSecret.imageID == first.imageID)
            #expect(withSecret.report.findings.contains { $0.secret == "tok" && $0.path == "copy" })
            #expect(try Self.keptImageAudits(engine) == kept)
        }
    }

    static func keptImageAudits(_ engine: Engine) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: engine.store.root.appendingPathComponent("records").path)
            .filter { $0.hasPrefix("audit-image-") }.sorted()
    }

    @Test(arguments: [0, 1, 86_399, 86_400, 951_782_400, 1_000_000_000, 1_709_164_800, 4_102_444_800, -1, -86_401])
    func timestampsAreRFC3339InUTC(epoch: Int) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        #expect(Engine.timestamp(epoch) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch))))
    }
}
