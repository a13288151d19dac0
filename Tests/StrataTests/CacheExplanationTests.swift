import Foundation
import Strata
import Testing

/// `strata build --explain-cache`: every reason a step was or was not cached, on real rebuilds.
@Suite struct CacheExplanationTests {
    static let dockerfile = """
        FROM busybox
        COPY a.txt /a.txt
        RUN --mount=type=secret,id=tok cat /a.txt > /copy.txt
        RUN echo done
        """

    func build(_ engine: Engine, _ context: URL, _ root: URL, noCache: Bool = false) throws -> [String] {
        let secret = root.appendingPathComponent("tok")
        try "explain-secret-value".write(to: secret, atomically: true, encoding: .utf8)
        return try engine.build(BuildRequest(
            contextDirectory: context, secrets: [SecretSource(id: "tok", filePath: secret.path)], noCache: noCache)).cacheExplanations
    }

    func line(_ lines: [String], _ step: String) -> String { lines.first { $0.hasPrefix(step + ": ") } ?? "(no line for \(step))" }

    @Test func eachCaseHasItsOwnReason() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: Self.dockerfile, files: ["a.txt": "one\n", "unrelated.txt": "x\n"])
            let copy = "[2/4] COPY a.txt /a.txt", secretRun = "[3/4] RUN --mount=type=secret,id=tok cat /a.txt > /copy.txt", last = "[4/4] RUN echo done"

            let first = try build(engine, context, root)
            #expect(first.count == 3, "\(first)")
            #expect(line(first, copy).contains(": ran: no result for key ") && line(first, copy).contains("covers the content it reads from the context"))
            #expect(line(first, secretRun).contains(": ran: it builds on \"\(copy)\", which ran in this build, so its key is new"))
            #expect(line(first, last).contains(": ran: it builds on \"\(secretRun)\""))

            let cached = try build(engine, context, root)
            #expect(line(cached, copy).contains(": CACHED: a result for key "))
            #expect(line(cached, secretRun).hasSuffix("is in the store; the key does not cover the value of secret \"tok\", which may have changed"))
            #expect(line(cached, last).hasSuffix("is in the store"))

            // A file nothing copies changes nothing, as in BuildKit.
            try "y\n".write(to: context.appendingPathComponent("unrelated.txt"), atomically: true, encoding: .utf8)
            let unrelated = try build(engine, context, root)
            #expect(unrelated.allSatisfy { $0.contains(": CACHED: ") }, "\(unrelated)")

            // The copied file changes: COPY misses on content, and everything after it follows.
            try "two\n".write(to: context.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
            let changed = try build(engine, context, root)
            #expect(line(changed, copy).contains("covers the content it reads from the context"))
            #expect(line(changed, secretRun).contains("it builds on \"\(copy)\""))
            #expect(line(changed, last).contains("it builds on \"\(secretRun)\""))

            let disabled = try build(engine, context, root, noCache: true)
            #expect(disabled.count == 3 && disabled.allSatisfy { $0.hasSuffix(": ran: --no-cache") }, "\(disabled)")
        }
    }

    @Test func aStepWithNoContextInputThatNeverRanSaysSo() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: "FROM busybox\nRUN echo first-time\n")
            let lines = try build(engine, context, root)
            #expect(lines == lines.filter { $0.hasPrefix("[2/2] RUN echo first-time: ran: no result for key ") && $0.hasSuffix(": the instruction or its base image changed, or it never ran with this store") })
            #expect(lines.count == 1)
        }
    }
}
