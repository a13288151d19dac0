import StrataLLB
import StrataSupport
import Testing
@testable import StrataSolver

/// The binary op digest behind vertex ids and cache keys: stable across runs, and different
/// whenever any field of the op differs (or two ops would share a cache entry).
@Suite struct OpDigestTests {
    static let secret = Mount(target: "/run/secrets/tok", kind: .secret(id: "tok", required: true, mode: 0o400, uid: 0, gid: 0, environmentName: nil))
    static let exec = ExecOp(
        arguments: ["/bin/sh", "-c", "make"], environment: ["PATH=/bin", "A=1"], workingDirectory: "/src", user: "app",
        mounts: [secret], network: "none")
    static var copy: CopyAction {
        var copy = CopyAction(from: 1, sources: ["a.txt", "b/"], destination: "/app/")
        copy.owner = Owner(user: "app", group: "staff")
        copy.mode = "0755"
        return copy
    }

    /// Each op next to the same op with exactly one field changed.
    static let variants: [(String, Op, Op)] = {
        var rows: [(String, Op, Op)] = []
        func exec(_ name: String, _ change: (inout ExecOp) -> Void) {
            var changed = Self.exec
            change(&changed)
            rows.append((name, .exec(Self.exec), .exec(changed)))
        }
        exec("arguments") { $0.arguments[2] = "make all" }
        exec("argument boundaries") { $0.arguments = ["/bin/sh", "-cmake"] }
        exec("environment") { $0.environment.append("B=2") }
        exec("working directory") { $0.workingDirectory = "/" }
        exec("user") { $0.user = "" }
        exec("network") { $0.network = "default" }
        exec("shell script") { $0.shellScript = "make" }
        exec("secret required") { $0.mounts[0].kind = .secret(id: "tok", required: false, mode: 0o400, uid: 0, gid: 0, environmentName: nil) }
        exec("secret mode") { $0.mounts[0].kind = .secret(id: "tok", required: true, mode: 0o444, uid: 0, gid: 0, environmentName: nil) }
        exec("secret env") { $0.mounts[0].kind = .secret(id: "tok", required: true, mode: 0o400, uid: 0, gid: 0, environmentName: "TOK") }
        exec("secret id") { $0.mounts[0].kind = .secret(id: "other", required: true, mode: 0o400, uid: 0, gid: 0, environmentName: nil) }
        exec("mount target") { $0.mounts[0].target = "/tok" }
        exec("cache mount") { $0.mounts[0].kind = .cache(id: "tok", sharing: "shared", readOnly: false, mode: 0o755, uid: 0, gid: 0) }
        exec("bind mount") { $0.mounts.append(Mount(target: "/ctx", kind: .bind(input: 1, source: "/", readWrite: false))) }
        exec("tmpfs size") { $0.mounts.append(Mount(target: "/tmp", kind: .tmpfs(size: 1 << 20))) }
        exec("ssh mount") { $0.mounts[0].kind = .ssh(id: "tok", required: true, mode: 0o400, uid: 0, gid: 0) }
        func copy(_ name: String, _ change: (inout CopyAction) -> Void) {
            var changed = Self.copy
            change(&changed)
            rows.append((name, .file(FileOp(actions: [.copy(Self.copy)])), .file(FileOp(actions: [.copy(changed)]))))
        }
        copy("copy from") { $0.from = 2 }
        copy("copy sources") { $0.sources = ["a.txt"] }
        copy("copy destination") { $0.destination = "/app" }
        copy("copy group") { $0.owner?.group = nil }
        copy("copy owner") { $0.owner = nil }
        copy("copy mode") { $0.mode = nil }
        copy("copy directory contents") { $0.copyDirectoryContents = false }
        copy("extract archives") { $0.extractArchives = true }
        copy("follow symlinks") { $0.followSymlinks = false }
        copy("create destination path") { $0.createDestinationPath = false }
        copy("allow wildcards") { $0.allowWildcards = false }
        copy("allow empty wildcard") { $0.allowEmptyWildcard = true }
        copy("keep parents") { $0.keepParents = true }
        copy("exclude") { $0.exclude = ["*.md"] }
        let mkdir = FileAction.mkdir(path: "/w", mode: 0o755, makeParents: true, owner: nil)
        rows.append(("mkdir parents", .file(FileOp(actions: [mkdir])), .file(FileOp(actions: [.mkdir(path: "/w", mode: 0o755, makeParents: false, owner: nil)]))))
        rows.append(("mkdir vs mkfile", .file(FileOp(actions: [mkdir])), .file(FileOp(actions: [.mkfile(path: "/w", content: [], mode: 0o755, owner: nil)]))))
        rows.append(("mkfile content", .file(FileOp(actions: [.mkfile(path: "/f", content: [1], mode: 0o644, owner: nil)])), .file(FileOp(actions: [.mkfile(path: "/f", content: [2], mode: 0o644, owner: nil)]))))
        rows.append(("remove", .file(FileOp(actions: [.remove(path: "/f", allowNotFound: true)])), .file(FileOp(actions: [.remove(path: "/f", allowNotFound: false)]))))
        rows.append(("action order", .file(FileOp(actions: [mkdir, .remove(path: "/f", allowNotFound: true)])), .file(FileOp(actions: [.remove(path: "/f", allowNotFound: true), mkdir]))))
        rows.append(("image", .source(.image(reference: "busybox:sim")), .source(.image(reference: "busybox:latest"))))
        rows.append(("scratch vs empty context", .source(.scratch), .source(.context(name: "", include: [], exclude: []))))
        rows.append(("context include", .source(.context(name: "context", include: ["a"], exclude: [])), .source(.context(name: "context", include: [], exclude: ["a"]))))
        rows.append(("inline", .source(.inline(files: [InlineFile(path: "/a", content: [1])])), .source(.inline(files: [InlineFile(path: "/a", content: [1], mode: 0o755)]))))
        return rows
    }()

    @Test(arguments: OpDigestTests.variants.map(\.0))
    func changingAnyFieldChangesTheDigest(field: String) throws {
        let (_, op, changed) = try #require(Self.variants.first { $0.0 == field })
        #expect(op != changed, "the test row changes nothing")
        #expect(op.digest != changed.digest)
        #expect(Vertex(op: op, inputs: [], name: "a").id != Vertex(op: changed, inputs: [], name: "a").id)
    }

    @Test func equalOpsHaveEqualDigests() {
        #expect(Op.exec(Self.exec).digest == Op.exec(Self.exec).digest)
        #expect(Op.file(FileOp(actions: [.copy(Self.copy)])).digest == Op.file(FileOp(actions: [.copy(Self.copy)])).digest)
    }

    /// Pinned values: vertex ids and cache keys must not change between runs, machines or
    /// Strata builds, or every store's cache would silently go cold. Change these only with
    /// `OpEncoding.version`.
    @Test func digestsAreStable() {
        #expect(Op.exec(Self.exec).digest.hex == "f212a6bd42c4cd7a360f99ae69c0d53a82cc71171723320e366883f1390eb452")
        let vertex = Vertex(op: .exec(Self.exec), inputs: [Digest.of(text: "base")], name: "RUN make")
        #expect(vertex.id.hex == "6df4240bf5a4bdac8e6bb05cabcc30be79a6ffa034407388cef99d8c48951798")
        #expect(CacheKey.compute(opDigest: vertex.opDigest, inputKeys: [Digest.of(text: "base")]).hex == "788fb34820b3dde9c01c1413661c46f297df5ecbf49f5ba126b9f2d882be9f37")
    }

    @Test func vertexIdAndCacheKeyDifferForTheSameOpAndInputs() {
        let vertex = Vertex(op: .exec(Self.exec), inputs: [Digest.of(text: "base")], name: "RUN make")
        #expect(vertex.id != CacheKey.compute(opDigest: vertex.opDigest, inputKeys: vertex.inputs))
    }

    @Test func nameAndSourceAreNotPartOfTheIdentity() {
        let a = Vertex(op: .exec(Self.exec), inputs: [], name: "[1/2] RUN make")
        let b = Vertex(op: .exec(Self.exec), inputs: [], name: "[stage 3/4] RUN make", source: SourceRange(start: SourceLocation(file: "Dockerfile", line: 3, column: 1), end: SourceLocation(file: "Dockerfile", line: 3, column: 9)))
        #expect(a.id == b.id)
    }

    @Test func aDecodedVertexHasTheSameIdentity() throws {
        let vertex = Vertex(op: .exec(Self.exec), inputs: [Digest.of(text: "base")], name: "RUN make")
        let decoded = try StableJSON.decode(Vertex.self, from: try StableJSON.encode(vertex))
        #expect(decoded == vertex)
        #expect(decoded.opDigest == vertex.opDigest)
    }
}
