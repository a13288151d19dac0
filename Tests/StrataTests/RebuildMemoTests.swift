import Foundation
import StrataSupport
import Testing

@testable import Strata

/// What one `Engine` remembers between builds (the frontend's parse and conversion, the last
/// exported images) is a pure function of its key: anything that changes the result must miss.
@Suite struct RebuildMemoTests {
    @Test func aRetaggedBaseImageIsConvertedAgain() throws {
        try withEngine { engine, root in
            let labelled = try makeContext(in: root, dockerfile: "FROM busybox\nLABEL from=labelled\n")
            _ = try engine.build(BuildRequest(contextDirectory: labelled, tags: ["base:x"]))
            let plain = try makeContext(in: root, dockerfile: "FROM busybox\nENV PLAIN=1\n")
            _ = try engine.build(BuildRequest(contextDirectory: plain, tags: ["other:y"]))
            let child = try makeContext(in: root, dockerfile: "FROM base:x\nRUN echo hi > /hi\n")
            let first = try engine.build(BuildRequest(contextDirectory: child, tags: ["child:a"]))
            #expect(try engine.image("child:a").config.config?.labels?["from"] == "labelled")
            // base:x now names another image: same Dockerfile text, different conversion.
            _ = try engine.build(BuildRequest(contextDirectory: plain, tags: ["base:x"]))
            let second = try engine.build(BuildRequest(contextDirectory: child, tags: ["child:b"]))
            #expect(second.imageID != first.imageID)
            let config = try engine.image("child:b").config.config
            #expect(config?.labels?["from"] == nil)
            #expect(config?.env?.contains("PLAIN=1") == true)
        }
    }

    @Test func changedBuildArgumentsAreConvertedAgain() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: "FROM busybox\nARG V=default\nENV V=$V\n")
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["args:a"]))
            let second = try engine.build(BuildRequest(contextDirectory: context, tags: ["args:b"], buildArgs: ["V": "given"]))
            #expect(second.imageID != first.imageID)
            #expect(try engine.image("args:b").config.config?.env?.contains("V=given") == true)
            let third = try engine.build(BuildRequest(contextDirectory: context, tags: ["args:c"]))
            #expect(third.imageID == first.imageID)
        }
    }

    @Test func aRemovedConfigBlobIsWrittenAgainByTheNextRebuild() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: "FROM busybox\nRUN echo hi > /hi\n")
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["gone:a"]))
            let config = try Digest(parsing: first.imageID)
            let manifest = try Digest(parsing: first.manifestDigest)
            try engine.store.remove(config)
            try engine.store.remove(manifest)
            let again = try engine.build(BuildRequest(contextDirectory: context, tags: ["gone:a"]))
            #expect(again.imageID == first.imageID)
            #expect(try engine.store.get(config).isEmpty == false)
            #expect(try engine.store.get(manifest).isEmpty == false)
        }
    }

    @Test func aChangedDockerignoreIsCheckedAgain() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: "# check=experimental=CopyIgnoredFile\nFROM busybox\nCOPY app.txt /\n", files: ["app.txt": "x"])
            let first = try engine.build(BuildRequest(contextDirectory: context, tags: ["ignore:a"]))
            #expect(first.executedSteps.count == 1)
            try "app.txt\n".write(to: context.appendingPathComponent(".dockerignore"), atomically: true, encoding: .utf8)
            var warnings: [String] = []
            #expect(throws: (any Error).self) {
                _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["ignore:b"])) { event in
                    if case .warning(let diagnostic) = event { warnings.append(diagnostic.description) }
                }
            }
            // BuildKit's CopyIgnoredFile check sees the new .dockerignore.
            #expect(warnings.contains { $0.contains("app.txt") })
        }
    }
}

/// BuildKit keys an image source by the digest it resolves to: a base rebuilt under the same
/// tag, with a config that converts to the same ops, must not answer from the old cache.
@Suite struct BaseImageKeyTests {
    @Test func aRebuiltBaseImageUnderTheSameTagInvalidatesTheStepsOnIt() throws {
        try withEngine { engine, root in
            let one = try makeContext(in: root, dockerfile: "FROM busybox\nRUN echo one > /f\n")
            _ = try engine.build(BuildRequest(contextDirectory: one, tags: ["base:x"]))
            let child = try makeContext(in: root, dockerfile: "FROM base:x\nRUN cat /f > /g\n")
            let first = try engine.build(BuildRequest(contextDirectory: child, tags: ["child:a"]))
            #expect(first.executedSteps.count == 1)
            let two = try makeContext(in: root, dockerfile: "FROM busybox\nRUN echo two > /f\n")
            _ = try engine.build(BuildRequest(contextDirectory: two, tags: ["base:x"]))
            // A new process: nothing remembered in memory either.
            let again = try Engine(storeRoot: engine.store.root)
            let second = try again.build(BuildRequest(contextDirectory: child, tags: ["child:b"]))
            #expect(second.executedSteps.count == 1)
            #expect(second.imageID != first.imageID)
            let unchanged = try again.build(BuildRequest(contextDirectory: child, tags: ["child:c"]))
            #expect(unchanged.executedSteps.isEmpty)
        }
    }
}
