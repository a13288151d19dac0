import Foundation
import StrataCLI
import Testing

/// The command line as users meet it: help, usage errors and exit statuses.
@Suite struct CLITests {
    func run(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
        var terminal = Terminal.captured
        let status = StrataCLI.run(arguments, environment: environment, terminal: &terminal)
        return (status, terminal.output, terminal.errors)
    }

    @Test func helpListsSubcommandsInArgumentParsersLayout() {
        let result = run(["--help"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("OVERVIEW: "))
        #expect(result.out.contains("USAGE: strata"))
        #expect(result.out.contains("SUBCOMMANDS:"))
        for name in ["build", "load", "save", "images", "inspect", "history", "audit", "parse", "expand"] {
            #expect(result.out.contains("\n  \(name) "), "help lists \(name)")
        }
    }

    @Test func helpSubcommandEqualsDashDashHelp() {
        let viaHelp = run(["help", "build"])
        let viaFlag = run(["build", "--help"])
        #expect(viaHelp.status == 0 && viaFlag.status == 0)
        #expect(viaHelp.out == viaFlag.out)
        #expect(viaHelp.out.contains("BUILD OPTIONS:"))
        #expect(viaHelp.out.contains("--secret <id=ID,src=PATH|env=VAR>"))
    }

    @Test func unknownOptionIsAUsageErrorWithASuggestion() {
        let result = run(["build", "--tagg", "x", "."])
        #expect(result.status == 2)
        #expect(result.err == """
            Error: unknown option '--tagg' (did you mean '--tag'?)
            Usage: strata build [OPTIONS] CONTEXT
            See 'strata build --help' for more information.

            """)
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let result = run(["biuld"])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("Error: unknown command 'biuld' (did you mean 'build'?)\n"))
    }

    @Test func missingContextIsAUsageError() {
        let result = run(["build"])
        #expect(result.status == 2)
        #expect(result.err.contains("requires exactly 1 argument"))
    }

    @Test func aSecretTooShortToLookForIsNamedInAWarningWithoutItsValue() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        let environment = ["SHORT": "q7z", "LONG": "a-long-enough-value"]
        let result = run(["--store", store.path, "audit", "--secret", "id=short,env=SHORT", "--secret", "id=long,env=LONG", "busybox"], environment: environment)
        #expect(result.err.contains("warning: secret \"short\" is 3 bytes long"))
        #expect(!result.err.contains("\"long\" is"))
        #expect(!result.err.contains("q7z") && !result.out.contains("q7z"))
    }

    @Test func buildExitStatusesAreZeroForCleanThreeForLeakOneForFailure() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("store").path
        func context(_ dockerfile: String) throws -> String {
            let dir = root.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try dockerfile.write(to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
            return dir.path
        }
        let environment = ["TOKEN": "very-secret-token-value"]
        let secret = "id=tok,env=TOKEN"
        let clean = run(["--store", store, "build", "--secret", secret, try context("FROM busybox\nRUN --mount=type=secret,id=tok true\n")], environment: environment)
        #expect(clean.status == 0, "\(clean.err)")
        let leak = run(["--store", store, "build", "--secret=\(secret)", try context("FROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok > /leak\n")], environment: environment)
        #expect(leak.status == 3)
        #expect(leak.err.contains("secret \"tok\" (23 bytes)"))
        #expect(!leak.err.contains("very-secret-token-value") && !leak.out.contains("very-secret-token-value"))
        let failed = run(["--store", store, "build", try context("FROM busybox\nRUN false\n")])
        #expect(failed.status == 1)
        #expect(failed.err.contains("executor failed running [/bin/sh -c false]: exit code: 1"))
        // BuildKit's failure block: the step, then the Dockerfile excerpt with the failing line marked.
        #expect(failed.err.contains(" > [2/2] RUN false:\n------\nDockerfile:2\n--------------------\n   1 |     FROM busybox\n   2 | >>> RUN false\n"))
    }

    @Test func secretInRunOutputIsRedactedInTheLog() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "FROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok\n".write(to: root.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let result = run(
            ["--store", root.appendingPathComponent("store").path, "build", "--progress=plain", "--secret", "id=tok,env=TOKEN", root.path],
            environment: ["TOKEN": "printed-secret-value"])
        #expect(result.status == 0)
        #expect(result.err.contains("[redacted:tok]"))
        #expect(!result.err.contains("printed-secret-value"))
    }

    @Test func expandPrintsBuildKitsExpansion() {
        let result = run(["expand", "--env", "NAME=world", "--", "hello-${NAME:-x}-${UNSET:-dflt}"])
        #expect(result.status == 0)
        #expect(result.out == "hello-world-dflt\n")
    }

    @Test func checkFlagsSecretsInArgAndEnvButNotPublicKeyPaths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "FROM busybox\nARG MY_SECRET\nENV DB_PASSWORD=x\nARG PUBLIC_KEY_PATH\n".write(to: root.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let result = run(["check", root.path])
        #expect(result.status == 0)
        #expect(result.out.contains("Dockerfile:2:1: warning: [SecretsUsedInArgOrEnv]"))
        #expect(result.out.contains("(ENV \"DB_PASSWORD\")"))
        #expect(!result.out.contains("PUBLIC_KEY_PATH"))
    }

    @Test func checkConfiguredAsErrorExitsOne() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "# check=error=true\nFROM busybox AS Build\n".write(to: root.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let result = run(["check", "--format", "json", root.path])
        #expect(result.status == 1)
        #expect(result.out.contains("\"rule\" : \"StageNameCasing\"") || result.out.contains("\"rule\": \"StageNameCasing\""))
    }

    @Test func graphPrintsOnlyWhatTheTargetNeeds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "FROM busybox AS unused\nRUN exit 1\nFROM busybox AS app\nRUN echo ok\n".write(to: root.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let result = run(["--store", root.appendingPathComponent("store").path, "graph", root.path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("digraph {"))
        #expect(result.out.contains("RUN echo ok"))
        #expect(!result.out.contains("RUN exit 1"))
    }
}
