import StrataLLB
import StrataSupport
import Testing
@testable import StrataSolver

/// An executor whose results are strings and which counts what it runs, so tests prove cache
/// hits by `executions == 0`, never by timing.
final class CountingExecutor: VertexExecutor, @unchecked Sendable {
    var executions: [String] = []
    var cache: [Digest: String] = [:]
    /// Stand-in for file contents the context vertex reads.
    var contextFiles: [String: String] = [:]

    func isCacheable(_ vertex: Vertex) -> Bool {
        if case .source = vertex.op { return false }
        return true
    }

    func inputsNeededForKeys(of vertex: Vertex) -> [Int] {
        if case .file(let op) = vertex.op, case .copy(let copy)? = op.actions.first { return [copy.from] }
        return []
    }

    func contentKeys(for vertex: Vertex, inputs: [Digest: String]) throws -> [Int: Digest] {
        guard case .file(let op) = vertex.op, case .copy(let copy)? = op.actions.first else { return [:] }
        let content = copy.sources.map { contextFiles[$0] ?? "" }.joined(separator: "\u{0}")
        return [copy.from: Digest.of(text: content)]
    }

    func cachedResult(for key: Digest, vertex: Vertex, inputs: [String]) throws -> String? { cache[key] }

    func execute(_ vertex: Vertex, inputs: [String], log: (String) -> Void) throws -> String {
        executions.append(vertex.name)
        log("ran \(vertex.name)")
        if case .exec(let exec) = vertex.op, exec.arguments == ["false"] { throw TestFailure() }
        return (inputs + [vertex.name]).joined(separator: ">")
    }

    func store(_ result: String, for key: Digest, vertex: Vertex, inputs: [String]) throws { cache[key] = result }

    struct TestFailure: Error {}
}

@Suite struct SolverTests {
    /// base → RUN a → COPY file from context → RUN b
    func graph(run: String = "a", secret: String = "tok") -> (Definition, Digest) {
        var definition = Definition()
        let base = definition.add(Vertex(op: .source(.image(reference: "busybox")), inputs: [], name: "FROM busybox"))
        let context = definition.add(Vertex(op: .source(.context(name: "context", include: [], exclude: [])), inputs: [], name: "context"))
        let mount = Mount(target: "/run/secrets/\(secret)", kind: .secret(id: secret, required: false, mode: 0o400, uid: 0, gid: 0, environmentName: nil))
        let runA = definition.add(Vertex(
            op: .exec(ExecOp(arguments: ["/bin/sh", "-c", run], environment: [], workingDirectory: "/", mounts: [mount])),
            inputs: [base], name: "RUN \(run)"))
        let copy = definition.add(Vertex(
            op: .file(FileOp(actions: [.copy(CopyAction(from: 1, sources: ["app.txt"], destination: "/app/"))])),
            inputs: [runA, context], name: "COPY app.txt /app/"))
        let runB = definition.add(Vertex(
            op: .exec(ExecOp(arguments: ["/bin/sh", "-c", "b"], environment: [], workingDirectory: "/")),
            inputs: [copy], name: "RUN b"))
        return (definition, runB)
    }

    @Test func executesDependenciesFirstAndOnce() throws {
        let executor = CountingExecutor()
        let (definition, root) = graph()
        let (result, _) = try Solver(executor: executor).solve(definition, root: root)
        #expect(Set(executor.executions) == ["FROM busybox", "context", "RUN a", "COPY app.txt /app/", "RUN b"])
        #expect(executor.executions.count == 5)
        #expect(executor.executions.suffix(3) == ["RUN a", "COPY app.txt /app/", "RUN b"])
        #expect(result.hasSuffix("RUN b"))
    }

    @Test func secondSolveIsAnsweredFromCache() throws {
        let executor = CountingExecutor()
        let (definition, root) = graph()
        _ = try Solver(executor: executor).solve(definition, root: root)
        executor.executions = []
        var cachedNames: [String] = []
        let (_, report) = try Solver(executor: executor, onEvent: { event in
            if case .cached(let vertex, _) = event { cachedNames.append(vertex.name) }
        }).solve(definition, root: root)
        // Sources are re-read, everything else is a cache hit.
        #expect(Set(executor.executions) == ["FROM busybox", "context"])
        #expect(cachedNames == ["RUN a", "COPY app.txt /app/", "RUN b"])
        #expect(report.executed.count == 2)
    }

    @Test func secretIdNotValueIsPartOfTheKey() throws {
        // The op names the secret by id; its bytes never enter the graph, so the key cannot change with them.
        let (first, rootA) = graph(secret: "tok")
        let (second, rootB) = graph(secret: "other")
        #expect(rootA != rootB)
        let executor = CountingExecutor()
        let keysA = try Solver(executor: executor).solve(first, root: rootA).report.keys
        let keysB = try Solver(executor: executor).solve(second, root: rootB).report.keys
        #expect(keysA[rootA] != keysB[rootB])
    }

    @Test func changedCopiedFileInvalidatesCopyAndLaterStepsOnly() throws {
        let executor = CountingExecutor()
        executor.contextFiles = ["app.txt": "v1"]
        let (definition, root) = graph()
        _ = try Solver(executor: executor).solve(definition, root: root)
        executor.executions = []
        executor.contextFiles = ["app.txt": "v2"]
        _ = try Solver(executor: executor).solve(definition, root: root)
        #expect(Set(executor.executions) == ["FROM busybox", "context", "COPY app.txt /app/", "RUN b"])
        #expect(executor.executions.suffix(2) == ["COPY app.txt /app/", "RUN b"])
    }

    @Test func unrelatedContextChangeKeepsCache() throws {
        let executor = CountingExecutor()
        executor.contextFiles = ["app.txt": "v1", "other": "x"]
        let (definition, root) = graph()
        _ = try Solver(executor: executor).solve(definition, root: root)
        executor.executions = []
        executor.contextFiles["other"] = "y"
        _ = try Solver(executor: executor).solve(definition, root: root)
        #expect(Set(executor.executions) == ["FROM busybox", "context"])
    }

    @Test func noCacheExecutesEverything() throws {
        let executor = CountingExecutor()
        let (definition, root) = graph()
        _ = try Solver(executor: executor).solve(definition, root: root)
        executor.executions = []
        let (_, report) = try Solver(executor: executor, useCache: false).solve(definition, root: root)
        #expect(executor.executions.count == 5)
        #expect(report.explanations[root]?.decision == .disabled)
    }

    @Test func failureNamesTheVertexAndIsReported() throws {
        let executor = CountingExecutor()
        var definition = Definition()
        let base = definition.add(Vertex(op: .source(.scratch), inputs: [], name: "FROM scratch"))
        let run = definition.add(Vertex(
            op: .exec(ExecOp(arguments: ["false"], environment: [], workingDirectory: "/")), inputs: [base], name: "RUN false"))
        var failed: [String] = []
        #expect(throws: SolveError.self) {
            try Solver(executor: executor, onEvent: { if case .failed(let v, _) = $0 { failed.append(v.name) } }).solve(definition, root: run)
        }
        #expect(failed == ["RUN false"])
    }

    @Test func unreachableVerticesAreNeverRun() throws {
        let executor = CountingExecutor()
        var (definition, root) = graph()
        definition.add(Vertex(op: .exec(ExecOp(arguments: ["false"], environment: [], workingDirectory: "/")), inputs: [], name: "unused"))
        _ = try Solver(executor: executor).solve(definition, root: root)
        #expect(!executor.executions.contains("unused"))
    }
}
