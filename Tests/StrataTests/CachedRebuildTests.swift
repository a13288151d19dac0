import Foundation
import StrataSupport
import Testing

@testable import Strata

/// A fully cached rebuild reads the records of its steps from one record set kept under the
/// target's key; the per-step records stay the fallback, and neither may be trusted when torn.
@Suite struct CachedRebuildTests {
    static let dockerfile = """
        FROM busybox
        RUN echo one > /one
        COPY app.txt /app/
        ENV A=1
        RUN echo two > /two && cat /app/app.txt > /three
        WORKDIR /work
        """

    static func records(_ engine: Engine, prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: engine.store.root.appendingPathComponent("records").path)
            .filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func stepRecords(_ engine: Engine) throws -> [String] {
        try records(engine, prefix: "cache2-").filter { !$0.hasPrefix("cache2-build-") }
    }

    @Test func aRebuildFromTheRecordSetAloneIsFullyCachedAndGivesTheSameImage() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile, files: ["app.txt": "hello\n"])
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["set:a"]))
            #expect(first.executedSteps.count == 4)
            #expect(try Self.records(engine, prefix: "cache2-build-").count == 1)
            // Without the per-step records, only the set can answer.
            let steps = try Self.stepRecords(engine)
            #expect(steps.count == 4)
            for name in steps { try engine.store.removeRecord(name) }
            let again = try Engine(storeRoot: engine.store.root).build(BuildRequest(contextDirectory: context, tags: ["set:b"]))
            #expect(again.executedSteps.isEmpty)
            #expect(again.cachedSteps.count == 4)
            #expect(again.imageID == first.imageID)
        }
    }

    @Test(arguments: ["zeros", "truncated", "removed"])
    func aDamagedRecordSetFallsBackToTheStepRecords(damage: String) throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile, files: ["app.txt": "hello\n"])
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["torn:a"]))
            let name = try #require(try Self.records(engine, prefix: "cache2-build-").first)
            let url = engine.store.root.appendingPathComponent("records").appendingPathComponent(name)
            let bytes = try Data(contentsOf: url)
            switch damage {
            case "zeros": try Data(count: bytes.count).write(to: url)
            case "truncated": try bytes.prefix(bytes.count - 10).write(to: url)
            default: try FileManager.default.removeItem(at: url)
            }
            let again = try Engine(storeRoot: engine.store.root).build(BuildRequest(contextDirectory: context, tags: ["torn:b"]))
            #expect(again.executedSteps.isEmpty)
            #expect(again.imageID == first.imageID)
            // The set is written again, whole.
            #expect(try Data(contentsOf: url) == bytes)
        }
    }

    @Test func aChangedFileReRunsOnlyTheStepsAfterItAndKeepsANewSet() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile, files: ["app.txt": "hello\n"])
            _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["change:a"]))
            try "changed\n".write(to: context.appendingPathComponent("app.txt"), atomically: true, encoding: .utf8)
            let changed = try engine.build(BuildRequest(contextDirectory: context, tags: ["change:b"]))
            #expect(changed.cachedSteps.count == 1)
            #expect(changed.executedSteps.count == 3)
            #expect(try Self.records(engine, prefix: "cache2-build-").count == 2)
            let again = try engine.build(BuildRequest(contextDirectory: context, tags: ["change:c"]))
            #expect(again.executedSteps.isEmpty)
            #expect(again.imageID == changed.imageID)
        }
    }

    @Test func aFullyCachedRebuildWritesNoRecordAndNoBlob() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile, files: ["app.txt": "hello\n"])
            _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["quiet:a"]))
            let directory = engine.store.root.appendingPathComponent("records")
            func modified() throws -> [String: Date] {
                var times: [String: Date] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                    times[name] = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.modificationDate] as? Date
                }
                return times
            }
            let records = try modified()
            let blobs = engine.store.allDigests()
            _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["quiet:a"]))
            #expect(try modified() == records)
            #expect(engine.store.allDigests() == blobs)
        }
    }
}
