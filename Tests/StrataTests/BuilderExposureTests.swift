import Foundation
import Strata
import StrataVerify
import Testing

/// Secrets that stay on the builder (stages not shipped, cache mounts) and sensitive build
/// arguments: what only Strata's own builds can see.
@Suite struct BuilderExposureTests {
    let dockerfile = """
        FROM busybox AS build
        RUN --mount=type=secret,id=tok cp /run/secrets/tok /tmp/tok && echo artifact > /artifact
        RUN --mount=type=cache,target=/cache --mount=type=secret,id=tok cp /run/secrets/tok /cache/tok
        FROM busybox
        ARG VERSION
        COPY --from=build /artifact /artifact
        LABEL version=$VERSION
        """

    func build(_ engine: Engine, root: URL, sensitive: [String]) throws -> BuildOutcome {
        let context = try makeContext(in: root, dockerfile: dockerfile)
        var request = BuildRequest(
            contextDirectory: context, tags: ["exposure:1"], buildArgs: ["VERSION": "hunter2-password"],
            secrets: [SecretSource(id: "tok", environmentVariable: "TOK")], environment: ["TOK": "the-token-value-123"])
        request.sensitiveArgs = sensitive
        return try engine.build(request)
    }

    @Test func secretInAnUnshippedStageIsAnExposureNamingTheStage() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root: root, sensitive: [])
            var stageFindings: [Finding] = []
            for finding in outcome.report.findings where finding.introducedBy?.stage == "build" && finding.place == .layer { stageFindings.append(finding) }
            #expect(stageFindings.count == 1)
            #expect(stageFindings.first?.severity == .exposure)
            #expect(stageFindings.first?.path == "tmp/tok")
            #expect(!outcome.report.hasLeaks, "nothing secret ships in the final image")
        }
    }

    @Test func secretInACacheMountIsAnExposure() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root: root, sensitive: [])
            var cacheFindings: [Finding] = []
            for finding in outcome.report.findings where finding.place == .cache { cacheFindings.append(finding) }
            #expect(cacheFindings.count == 1)
            #expect(cacheFindings.first?.field == "/cache")
            #expect(cacheFindings.first?.path == "tok")
        }
    }

    @Test func sensitiveBuildArgInLabelAndHistoryIsALeak() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root: root, sensitive: ["VERSION"])
            var places: Set<Finding.Place> = []
            for finding in outcome.report.findings where finding.secret == "build-arg:VERSION" && finding.severity == .leak { places.insert(finding.place) }
            #expect(places == [.config, .history])
        }
    }

    @Test func stageReportShowsWhichStageHoldsTheSecret() throws {
        try withEngine { engine, root in
            _ = try build(engine, root: root, sensitive: [])
            let report = try #require(try engine.stageReport("exposure:1"))
            #expect(report.stages.map(\.name) == ["build", "stage-1"])
            #expect(report.stages[0].mountedSecrets == ["tok"])
            #expect(report.stages[0].secretsInLayers == ["tok"])
            #expect(report.stages[1].inFinalImage && report.stages[1].secretsInLayers.isEmpty)
            #expect(report.stages[1].readsFrom == ["build"])
        }
    }
}
