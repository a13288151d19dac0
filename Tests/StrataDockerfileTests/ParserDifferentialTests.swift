import Foundation
import Testing
@testable import StrataDockerfile

/// Compares the parser with BuildKit's (through the Python `dockerfile` package) on generated
/// Dockerfiles. Skipped, visibly, when python3 or the package is missing.
@Suite struct ParserDifferentialTests {
    static let caseCount = 1_500
    static let fuzzCount = 3_000

    @Test(.enabled(if: PythonOracle.isAvailable, "needs python3 with the `dockerfile` package (pip install dockerfile)"))
    func parserAgreesWithBuildKitOnGeneratedDockerfiles() throws {
        var generator = DockerfileGenerator(seed: 0x5757_A7A0)
        let sources = (0..<Self.caseCount).map { _ in generator.dockerfile() }
            + (0..<Self.fuzzCount).map { _ in generator.fuzzedDockerfile() }
        let expected = try PythonOracle.parse(sources)
        #expect(expected.count == sources.count)
        var mismatches = 0
        var errorCases = 0
        var unrepresentable = 0
        for (index, source) in sources.enumerated() where index < expected.count {
            let oracle = expected[index]
            // BuildKit splits HEALTHCHECK and flags on bytes, so a U+00A0 there yields invalid
            // UTF-8 that the Python binding cannot hand back: nothing to compare against.
            if oracle.error?.contains("codec can't decode") == true {
                unrepresentable += 1
                continue
            }
            let ours = Result { try DockerfileParser.parse(source) }
            switch (oracle.commands, ours) {
            case (let commands?, .success(let ast)):
                let views = InstructionView.views(of: ast).map(PythonOracle.Command.init)
                if views != commands {
                    mismatches += 1
                    if mismatches <= 5 {
                        for (mine, theirs) in zip(views, commands) where mine != theirs {
                            Issue.record("case \(index): \(GoQuote.quote(source))\n ours:   \(mine)\n theirs: \(theirs)")
                            break
                        }
                        if views.count != commands.count {
                            Issue.record("case \(index): \(views.count) instructions, BuildKit has \(commands.count)")
                        }
                    }
                }
            case (nil, .failure(let error)):
                errorCases += 1
                let message = (error as? DockerfileError)?.message
                if message != oracle.error {
                    mismatches += 1
                    Issue.record("case \(index): error \(message ?? "?") where BuildKit says \(oracle.error ?? "")")
                }
            case (let commands?, .failure(let error)):
                mismatches += 1
                Issue.record("case \(index): we failed (\(error)) where BuildKit parsed \(commands.count) instructions: \(GoQuote.quote(source))")
            case (nil, .success):
                mismatches += 1
                Issue.record("case \(index): BuildKit failed (\(oracle.error ?? "")) where we parsed: \(GoQuote.quote(source))")
            }
        }
        #expect(mismatches == 0)
        print("differential: \(sources.count) Dockerfiles, \(errorCases) rejected by both, \(unrepresentable) not representable in Python, \(mismatches) mismatches")
        #expect(unrepresentable < sources.count / 20)
    }
}

extension PythonOracle.Command {
    init(_ view: InstructionView) {
        self.init(cmd: view.cmd, subCmd: view.subCmd, json: view.json, original: view.original,
                  startLine: view.startLine, endLine: view.endLine, flags: view.flags, value: view.value,
                  heredocs: view.heredocs.map { .init(name: $0.name, fileDescriptor: $0.fileDescriptor, content: $0.content) })
    }
}
