import Foundation
import Strata
import StrataCLI
import StrataVerify
import Testing

/// The empty entries `RUN --mount` leaves in a layer are reported as informational findings,
/// with the mount and the Dockerfile line, and never fail an audit.
@Suite struct MountResidueTests {
    struct Case: Sendable, CustomStringConvertible {
        var run: String
        var path: String
        var mount: MountReference
        var description: String { "\(mount.type) \(mount.target)" }
    }

    static let cases: [Case] = [
        Case(run: "RUN --mount=type=secret,id=tok test -s /run/secrets/tok", path: "run/secrets",
             mount: MountReference(type: "secret", id: "tok", target: "/run/secrets/tok")),
        Case(run: "RUN --mount=type=cache,id=gocache,target=/root/.cache/go true", path: "root/.cache/go",
             mount: MountReference(type: "cache", id: "gocache", target: "/root/.cache/go")),
        Case(run: "RUN --mount=type=bind,source=.,target=/src cat /src/input.txt", path: "src",
             mount: MountReference(type: "bind", target: "/src", source: ".")),
        // A single file bound: runc creates only the mount point's parent directory.
        Case(run: "RUN --mount=type=bind,source=input.txt,target=/config/input.txt cat /config/input.txt", path: "config",
             mount: MountReference(type: "bind", target: "/config/input.txt", source: "input.txt")),
        Case(run: "RUN --mount=type=tmpfs,target=/scratch true", path: "scratch",
             mount: MountReference(type: "tmpfs", target: "/scratch")),
    ]

    func build(_ engine: Engine, _ root: URL, _ dockerfile: String, tag: String = "residue:1") throws -> BuildOutcome {
        let context = try makeContext(in: root, dockerfile: dockerfile, files: ["input.txt": "input\n"])
        let secret = root.appendingPathComponent("tok")
        try "residue-secret-value".write(to: secret, atomically: true, encoding: .utf8)
        return try engine.build(BuildRequest(contextDirectory: context, tags: [tag], secrets: [SecretSource(id: "tok", filePath: secret.path)]))
    }

    @Test(arguments: cases)
    func eachMountTypeLeavesAnInfoFindingAtItsRunLine(_ testCase: Case) throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root, "FROM busybox\n\(testCase.run)\nENV DONE=1\n")
            let residue = outcome.report.findings.filter { $0.severity == .info }
            #expect(residue.map(\.path) == [testCase.path], "\(residue)")
            guard let finding = residue.first else { return }
            #expect(finding.secret == Finding.mountResidueRule)
            #expect(finding.place == .layer)
            #expect(finding.layer == 1, "busybox has one layer; the RUN made the second")
            #expect(finding.encoding == "empty-directory")
            #expect(finding.mount == testCase.mount)
            #expect(finding.introducedBy?.line == 2)
            #expect(finding.introducedBy?.instruction == testCase.run)
            #expect(outcome.report.clean, "residue alone leaves the image clean")
            #expect(!outcome.report.hasLeaks)
        }
    }

    @Test func aDirectoryTheStepWritesIntoIsNotResidue() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root, """
                FROM busybox
                RUN --mount=type=secret,id=tok --mount=type=tmpfs,target=/work echo note > /run/secrets/note && mkdir -p /work
                """)
            let residue = outcome.report.findings.filter { $0.severity == .info }
            #expect(!residue.contains { $0.path == "run/secrets" }, "the step wrote /run/secrets/note")
            #expect(residue.map(\.path) == ["work"])
        }
    }

    @Test func twoSecretsUnderOneDirectoryAreOneEntry() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root, """
                FROM busybox
                RUN --mount=type=secret,id=tok --mount=type=secret,id=tok,target=/run/secrets/again true
                """)
            let residue = outcome.report.findings.filter { $0.severity == .info }
            #expect(residue.count == 1)
            #expect(residue.first?.path == "run/secrets")
            #expect(residue.first?.mount?.id == "tok")
        }
    }

    @Test func residueFromACachedStepIsStillReported() throws {
        try withEngine { engine, root in
            let dockerfile = "FROM busybox\nRUN --mount=type=tmpfs,target=/scratch true\n"
            _ = try build(engine, root, dockerfile)
            let again = try build(engine, root, dockerfile)
            #expect(!again.cachedSteps.isEmpty)
            #expect(again.report.findings.filter { $0.severity == .info }.map(\.path) == ["scratch"])
        }
    }

    @Test func auditOfTheBuiltImageListsResidueAndStrictStillPasses() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-residue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let context = try makeContext(in: root, dockerfile: "FROM busybox\nRUN --mount=type=secret,id=tok --mount=type=cache,target=/var/cache/app true\n")
        let store = root.appendingPathComponent("store").path
        func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
            var terminal = Terminal.captured
            let status = StrataCLI.run(["--store", store] + arguments, environment: ["TOKEN": "residue-cli-secret"], terminal: &terminal)
            return (status, terminal.output, terminal.errors)
        }
        let built = run(["build", "--progress=plain", "-t", "residue:cli", "--secret", "id=tok,env=TOKEN", context.path])
        #expect(built.status == 0, "\(built.err)")

        let text = run(["audit", "--strict", "residue:cli"])
        #expect(text.status == 0, "informational findings never fail, not even with --strict")
        #expect(text.out.hasPrefix("residue:cli: clean (no secrets or credentials found)\n\nmount residue (informational, 2 entries):\n"))
        #expect(text.out.contains("  layer 1: run/secrets (empty directory) left by --mount=type=secret,id=tok,target=/run/secrets/tok — Dockerfile line 2 (RUN "))
        #expect(text.out.contains("  layer 1: var/cache/app (empty directory) left by --mount=type=cache,id=/var/cache/app,target=/var/cache/app — Dockerfile line 2"))

        let json = run(["audit", "--format", "json", "residue:cli"])
        #expect(json.status == 0)
        let report = try JSONDecoder().decode(AuditReport.self, from: Data(json.out.utf8))
        #expect(report.clean)
        #expect(report.findings.count == 2 && report.findings.allSatisfy { $0.severity == .info && $0.place == .layer })

        let sarif = run(["audit", "--format", "sarif", "residue:cli"])
        #expect(sarif.status == 0)
        #expect(sarif.out.contains("\"level\" : \"note\""))
        #expect(!sarif.out.contains("\"level\" : \"warning\"") && !sarif.out.contains("\"level\" : \"error\""))
    }

    @Test func residueDoesNotHideAnExposureFromStrict() throws {
        let report = AuditReport(image: "x", findings: [
            Finding(secret: Finding.mountResidueRule, severity: .info, place: .layer, layer: 1, path: "run/secrets", encoding: "empty-directory", length: 0),
            Finding(secret: "tok", severity: .exposure, place: .log, encoding: "raw", length: 4),
        ])
        #expect(!report.clean)
        #expect(report.findings.map(\.severity) == [.exposure, .info], "more serious findings sort first")
        #expect(report.renderText().hasPrefix("x: 0 leaks, 1 exposure\n"))
    }
}
