import Foundation
import Strata
import StrataVerify
import Testing

@Suite struct WalkingSkeletonTests {
    let secret = "tok_live_5f3a9c1e8b7d6f2a4c0e"

    func secretFile(in root: URL) throws -> SecretSource {
        let url = root.appendingPathComponent("secret-\(UUID().uuidString)")
        try secret.write(to: url, atomically: true, encoding: .utf8)
        return SecretSource(id: "api_token", filePath: url.path)
    }

    @Test func secretMountBuildIsCleanAndTheMountedFileIsNotInTheImage() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox
                WORKDIR /app
                COPY app.txt .
                RUN --mount=type=secret,id=api_token cat /run/secrets/api_token | wc -c > /app/length
                CMD ["cat", "/app/app.txt"]
                """, files: ["app.txt": "hello\n"])
            let outcome = try engine.build(BuildRequest(contextDirectory: context, tags: ["skeleton:ok"], secrets: [try secretFile(in: root)]))
            #expect(!outcome.report.hasLeaks)
            // The length written by wc derives from the secret: an exposure, found by provenance.
            var lengthFindings: [Finding] = []
            for finding in outcome.report.findings where finding.path == "app/length" { lengthFindings.append(finding) }
            #expect(lengthFindings.count == 1)
            #expect(lengthFindings.allSatisfy { $0.severity == .exposure && $0.encoding.hasPrefix("provenance:") })
            let history = try engine.historyTable("skeleton:ok", truncate: false)
            #expect(history.contains("RUN /bin/sh -c cat /run/secrets/api_token | wc -c > /app/length # buildkit"))
            let config = try engine.inspect("skeleton:ok")
            #expect(config.contains("\"WorkingDir\" : \"/app\"") || config.contains("\"WorkingDir\": \"/app\""))
        }
    }

    @Test func secretCopiedThenDeletedIsALeakNamingLayerAndPath() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox
                RUN --mount=type=secret,id=api_token cp /run/secrets/api_token /token
                RUN rm /token
                """)
            let outcome = try engine.build(BuildRequest(contextDirectory: context, tags: ["skeleton:leak"], secrets: [try secretFile(in: root)]))
            let leaks = outcome.report.findings.filter { $0.severity == .leak && $0.place == .layer }
            #expect(leaks.count == 1)
            #expect(leaks.first?.path == "token")
            #expect(leaks.first?.layer == 1, "layer 0 is busybox, layer 1 the RUN that copied it")
            #expect(leaks.first?.removedLater == true)
            #expect(leaks.first?.secret == "api_token")
            // The report never holds the value.
            #expect(!(try outcome.report.renderJSON()).contains(secret))
            #expect(!outcome.report.renderText().contains(secret))
        }
    }

    @Test func sameInputsGiveTheSameImageDigestInFreshStores() throws {
        let dockerfile = """
            FROM busybox
            COPY . /src/
            RUN --mount=type=secret,id=api_token echo built > /src/built && ls -l /src > /src/listing
            ENV MODE=prod
            """
        func buildOnce() throws -> String {
            try withEngine { engine, root in
                let context = try makeContext(in: root, dockerfile: dockerfile, files: ["a.txt": "a\n", "dir/b.txt": "b\n"])
                return try engine.build(BuildRequest(contextDirectory: context, secrets: [try secretFile(in: root)])).imageID
            }
        }
        #expect(try buildOnce() == buildOnce())
    }

    @Test func rebuildAnswersEveryStepFromTheCache() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox
                COPY a.txt /a.txt
                RUN echo one > /one
                """, files: ["a.txt": "a\n"])
            let first = try engine.build(BuildRequest(contextDirectory: context))
            #expect(first.cachedSteps.isEmpty)
            let second = try engine.build(BuildRequest(contextDirectory: context))
            #expect(second.executedSteps.isEmpty)
            #expect(second.cachedSteps.count == 2)
            #expect(first.imageID == second.imageID)
            try "changed\n".write(to: context.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
            let third = try engine.build(BuildRequest(contextDirectory: context))
            #expect(third.executedSteps.count == 2, "the COPY and the RUN after it run again")
        }
    }

    @Test func failingRunReportsBuildKitsMessageAndTheLine() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: "FROM busybox\nRUN exit 3\n")
            #expect {
                try engine.build(BuildRequest(contextDirectory: context))
            } throws: { error in
                "\(error)".contains("executor failed running [/bin/sh -c exit 3]: exit code: 3") && "\(error)".contains("Dockerfile:2")
            }
        }
    }

    @Test func missingRequiredSecretFailsBeforeAnythingRuns() throws {
        try withEngine { engine, root in
            let context = try makeContext(in: root, dockerfile: "FROM busybox\nRUN echo first > /first\nRUN --mount=type=secret,id=key,required=true cat /run/secrets/key\n")
            #expect {
                try engine.build(BuildRequest(contextDirectory: context))
            } throws: { error in
                "\(error)".contains("secret key not found")
            }
        }
    }
}
