import Foundation
import Strata
import StrataArchive
import Testing

/// Behaviour copied from BuildKit beyond what one conformance record shows: content-keyed bind
/// mounts, ADD's archive detection, and step times that make touches visible yet reproducible.
@Suite struct FidelityTests {
    /// Each layer's entry paths, base layers included.
    func layerPaths(_ engine: Engine, _ reference: String) throws -> [[String]] {
        let image = try ConformanceRecord.image(engine, reference: reference, baseDiffIDs: [])
        return (image["layers"] as? [[String: Any]] ?? []).map { layer in
            (layer["entries"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        }
    }

    @Test func bindMountIsKeyedByTheBoundContentOnly() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox
                RUN --mount=type=bind,source=data.txt,target=/d cat /d > /out
                """, files: ["data.txt": "one\n", "other.txt": "x\n"])
            let request = BuildRequest(contextDirectory: context, tags: ["bind:t"])
            _ = try engine.build(request)
            try "y\n".write(to: context.appendingPathComponent("other.txt"), atomically: true, encoding: .utf8)
            #expect(try engine.build(request).cachedSteps.contains { $0.hasSuffix("cat /d > /out") })
            try "two\n".write(to: context.appendingPathComponent("data.txt"), atomically: true, encoding: .utf8)
            #expect(try engine.build(request).executedSteps.contains { $0.hasSuffix("cat /d > /out") })
        }
    }

    @Test func addExtractsATarButCopiesOtherFilesNamedLikeOne() throws {
        try withEngine { engine, root in
            var writer = TarWriter()
            writer.append(TarHeader(path: "pkg/", kind: .directory, mode: 0o750, uid: 7, gid: 7))
            writer.append(TarHeader(path: "pkg/a.txt", kind: .file, mode: 0o640, size: 2), contents: Array("a\n".utf8))
            let archive = try Gzip.compress(writer.finish())
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox
                ADD bundle.tgz /opt
                ADD fake.tar /fake.tar
                """, files: ["fake.tar": "not an archive\n"])
            try Data(archive).write(to: context.appendingPathComponent("bundle.tgz"))
            _ = try engine.build(BuildRequest(contextDirectory: context, tags: ["add:t"]))
            let layers = try layerPaths(engine, "add:t")
            #expect(layers.suffix(2).first == ["opt", "opt/pkg", "opt/pkg/a.txt"])
            #expect(layers.last == ["fake.tar"])
        }
    }

    @Test func touchAndIdenticalRewriteAreChangesAndTheImageStaysReproducible() throws {
        let dockerfile = """
            FROM busybox
            RUN echo same > /f
            RUN touch /f
            RUN echo same > /f
            """
        func build() throws -> (String, [[String]]) {
            try withEngine { engine, root in
                let context = try makeContext(in: root, dockerfile: dockerfile)
                let id = try engine.build(BuildRequest(contextDirectory: context, tags: ["touch:t"])).imageID
                return (id, try layerPaths(engine, "touch:t"))
            }
        }
        let (first, layers) = try build()
        #expect(layers.suffix(2) == [["f"], ["f"]])
        #expect(try build().0 == first)
    }
}
