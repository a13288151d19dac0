import Foundation
import StrataCLI
import Testing

/// `strata build --progress=…` end to end, through the command line with captured output.
@Suite struct ProgressModeCLITests {
    static let secretValue = "progress-secret-value-1234"

    func build(_ dockerfile: String, _ extra: [String]) throws -> (status: Int32, err: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try dockerfile.write(to: root.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        var terminal = Terminal.captured
        let status = StrataCLI.run(
            ["--store", root.appendingPathComponent("store").path, "build", "--secret", "id=tok,env=TOKEN"] + extra + [root.path],
            environment: ["TOKEN": Self.secretValue], terminal: &terminal)
        return (status, terminal.errors)
    }

    @Test func autoWithoutATerminalPrintsPlainProgress() throws {
        let result = try build("FROM busybox\nRUN --mount=type=secret,id=tok echo hi\n", [])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.range(of: #"\n#\d+ \[2/2\] RUN --mount=type=secret,id=tok echo hi\n"#, options: .regularExpression) != nil)
        #expect(result.err.contains(" hi\n"))
        #expect(!result.err.contains("\u{1B}["), "no escape sequences when stderr is not a terminal")
    }

    @Test func ttyDrawsTheLiveViewWithSecretsRedacted() throws {
        let result = try build("FROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok\n", ["--progress=tty"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("[+] Building "))
        #expect(result.err.contains(" FINISHED"))
        #expect(result.err.contains(" => [2/2] RUN --mount=type=secret,id=tok cat /run/secrets/tok"))
        #expect(result.err.contains("\u{1B}[?25h"), "the cursor is shown again")
        #expect(!result.err.contains(Self.secretValue))
        #expect(result.err.range(of: #"\n#\d+ "#, options: .regularExpression) == nil, "no plain-progress lines")
    }

    @Test func ttyFailureShowsTheStepOutputThenTheDockerfileExcerpt() throws {
        let result = try build("FROM busybox\nRUN echo about to fail && false\n", ["--progress=tty"])
        #expect(result.status == 1)
        #expect(result.err.contains("ERROR [2/2] RUN echo about to fail && false"))
        let expectedTail = """
            ------
             > [2/2] RUN echo about to fail && false:
            0.000 about to fail
            ------
            Dockerfile:2
            --------------------
               1 |     FROM busybox
               2 | >>> RUN echo about to fail && false
            """
        let normalized = result.err.replacingOccurrences(of: #"\n\d+\.\d{3} about"#, with: "\n0.000 about", options: .regularExpression)
        #expect(normalized.contains(expectedTail), "\(result.err)")
        #expect(normalized.contains("ERROR: executor failed running"))
    }

    @Test func ttyRedactsASecretInTheFailingStepsOutputAsPlainDoes() throws {
        let dockerfile = "FROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok && false\n"
        let tty = try build(dockerfile, ["--progress=tty"])
        let plain = try build(dockerfile, ["--progress=plain"])
        #expect(tty.status == 1 && plain.status == 1)
        #expect(tty.err.range(of: #"\n\d+\.\d{3} \[redacted:tok\]\n"#, options: .regularExpression) != nil, "\(tty.err)")
        #expect(plain.err.range(of: #"\n#\d+ \d+\.\d{3} \[redacted:tok\]\n"#, options: .regularExpression) != nil, "\(plain.err)")
        #expect(!tty.err.contains(Self.secretValue) && !plain.err.contains(Self.secretValue))
    }

    @Test func invalidProgressModeIsAUsageError() throws {
        let result = try build("FROM busybox\n", ["--progress=fancy"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("Error: invalid progress mode \"fancy\" (use auto, plain, tty, quiet or rawjson)\n"))
    }
}
