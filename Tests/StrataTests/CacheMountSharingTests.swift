import Foundation
import Strata
import StrataArchive
import Testing

/// BuildKit's cache mounts as a sequential build can observe them: every sharing mode reuses
/// the directory an earlier step left (`private` and `locked` only differ from `shared` while
/// another build holds the mount), and writes survive a step that fails.
@Suite struct CacheMountSharingTests {
    /// The text of `path` in the image, from the newest layer holding it.
    func text(of path: String, in engine: Engine, _ reference: String) throws -> String? {
        let stored = try engine.image(reference)
        var found: String?
        for descriptor in stored.manifest.layers {
            let source = try decompressingIfNeeded(FileSource(path: engine.store.url(for: descriptor.digest).path))
            var reader = TarReader(AnyByteSource(source))
            while let header = try reader.next() {
                if header.kind == .file && header.path == path {
                    found = String(decoding: try reader.readContents(), as: UTF8.self)
                }
            }
        }
        return found
    }

    @Test(arguments: ["shared", "private", "locked"])
    func laterStepSeesWhatAnEarlierStepLeftWhateverTheSharing(_ sharing: String) throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox
                RUN --mount=type=cache,id=c,target=/a,sharing=\(sharing) echo one > /a/f
                RUN --mount=type=cache,id=c,target=/b,sharing=\(sharing) cat /b/f > /seen && ls /b > /listing
                """)
            _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["cache:\(sharing)"]))
            #expect(try text(of: "seen", in: engine, "cache:\(sharing)") == "one\n")
            #expect(try text(of: "listing", in: engine, "cache:\(sharing)") == "f\n")
        }
    }

    @Test func writesToACacheMountSurviveAFailingStep() throws {
        try withEngine { engine, root in
            let failing = try makeContext(in: root, dockerfile: """
                FROM busybox
                RUN --mount=type=cache,id=c,target=/a,sharing=locked echo partial > /a/p && exit 3
                """)
            #expect(throws: (any Error).self) { try engine.build(BuildRequest(contextDirectory: failing, tags: ["cache:fail"])) }
            let reading = try makeContext(in: root, dockerfile: """
                FROM busybox
                RUN --mount=type=cache,id=c,target=/b,sharing=private cat /b/p > /seen
                """)
            _ = try engine.build(BuildRequest(contextDirectory: reading, tags: ["cache:read"]))
            #expect(try text(of: "seen", in: engine, "cache:read") == "partial\n")
        }
    }
}
