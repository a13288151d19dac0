import Foundation
import Strata
import Testing

/// Every lesson in Examples/ builds, and teaches what its README row says.
@Suite struct ExamplesTests {
    /// Example name, whether its image should hold a leak, build args read from the secret file.
    static let examples: [(String, Bool, [String])] = [
        ("01-secret-mount", false, []),
        ("02-secret-deleted-later", true, []),
        ("03-arg-in-history", true, ["API_TOKEN"]),
        ("04-multistage-builder", false, []),
    ]

    @Test(arguments: examples.map(\.0))
    func exampleBuildsWithItsVerdict(_ name: String) throws {
        let example = try #require(Self.examples.first { $0.0 == name })
        let directory = repositoryRoot.appendingPathComponent("Examples/\(name)")
        let secretFile = directory.appendingPathComponent("api_token.txt")
        let value = try String(contentsOf: secretFile, encoding: .utf8)
        try withEngine { engine, _ in
            var request = BuildRequest(
                contextDirectory: directory.appendingPathComponent("context"), dockerfile: directory.appendingPathComponent("Dockerfile"),
                tags: ["example/\(name):latest"], buildArgs: Dictionary(uniqueKeysWithValues: example.2.map { ($0, value) }),
                secrets: [SecretSource(id: "api_token", filePath: secretFile.path)])
            request.sensitiveArgs = example.2
            let outcome = try engine.build(request)
            #expect(outcome.report.hasLeaks == example.1)
            #expect(!(try outcome.report.renderJSON()).contains(value))
        }
    }
}
