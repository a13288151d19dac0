import Foundation
import Strata
import StrataVerify
import Testing

/// Issue 6's acceptance: images built by real BuildKit (recorded once by
/// Scripts/record-leak-fixtures into Tests/LeakFixtures/images.tar) hold known leaks, and the
/// audit reports exactly the findings written by hand in each case's expected-findings.json,
/// and nothing else. Clean images must audit clean.
@Suite struct LeakFixtureTests {
    @Test func fixturesCoverTheIssuesLeakPatternsAndCleanImages() throws {
        let cases = try LeakFixtureCase.all()
        #expect(cases.filter { !$0.clean }.count >= 12)
        #expect(cases.filter(\.clean).count >= 5)
        // Every case's image is in the one recorded archive.
        let tags = try LeakFixtureArchive.manifest().flatMap(\.repoTags)
        for fixture in cases { #expect(tags.contains(fixture.tag), "\(fixture.tag) is not in images.tar: run Scripts/record-leak-fixtures") }
    }

    @Test(arguments: try LeakFixtureCase.all())
    func auditReportsExactlyTheExpectedFindings(_ fixture: LeakFixtureCase) throws {
        let report = try LeakFixtureArchive.audit(fixture)
        let actual = Set(report.findings.map(ExpectedFinding.init))
        let expected = Set(fixture.expected)
        #expect(actual.subtracting(expected).isEmpty, "unexpected findings in \(fixture.name): \(actual.subtracting(expected).sorted())")
        #expect(expected.subtracting(actual).isEmpty, "missing findings in \(fixture.name): \(expected.subtracting(actual).sorted())")
        #expect(report.clean == fixture.clean)
        #expect(report.hasLeaks == !fixture.clean)
    }

    @Test(arguments: try LeakFixtureCase.all())
    func findingsNeverCarryTheSecretValue(_ fixture: LeakFixtureCase) throws {
        let report = try LeakFixtureArchive.audit(fixture)
        let rendered = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for (id, value) in fixture.secrets { #expect(!rendered.contains(value), "the report shows secret \(id)") }
    }
}

/// One case directory: what the audit is told (secrets) and what it must find.
struct LeakFixtureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var about: String
    var clean: Bool
    var secrets: [String: String]
    var expected: [ExpectedFinding]

    var tag: String { "leak/\(name):latest" }
    var testDescription: String { name }

    static let directory = repositoryRoot.appendingPathComponent("Tests/LeakFixtures")

    private struct Description: Decodable {
        var about: String
        var clean: Bool
        var secrets: [String: String]
    }

    static func all() throws -> [LeakFixtureCase] {
        let cases = directory.appendingPathComponent("cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: cases.path).sorted()
        return try names.map { name in
            let folder = cases.appendingPathComponent(name)
            let description = try JSONDecoder().decode(Description.self, from: Data(contentsOf: folder.appendingPathComponent("case.json")))
            let expected = try JSONDecoder().decode([ExpectedFinding].self, from: Data(contentsOf: folder.appendingPathComponent("expected-findings.json")))
            return LeakFixtureCase(name: name, about: description.about, clean: description.clean, secrets: description.secrets, expected: expected)
        }
    }
}

/// The part of a finding the fixtures pin down: what and where, not offsets or lengths.
struct ExpectedFinding: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    var secret: String
    var severity: String
    var place: String
    var layer: Int?
    var path: String?
    var index: Int?
    var field: String?
    var encoding: String
    var removedLater: Bool

    init(_ finding: Finding) {
        secret = finding.secret
        severity = finding.severity.rawValue
        place = finding.place.rawValue
        layer = finding.layer
        path = finding.path
        index = finding.index
        field = finding.field
        encoding = finding.encoding
        removedLater = finding.removedLater
    }

    var description: String {
        var parts = [severity, secret]
        if let layer { parts.append("layer \(layer)") } else { parts.append(place) }
        if let path { parts.append(path) }
        if let index { parts.append("history \(index)") }
        if let field { parts.append("field \(field)") }
        parts.append(encoding)
        if removedLater { parts.append("removed later") }
        return parts.joined(separator: " ")
    }

    static func < (a: ExpectedFinding, b: ExpectedFinding) -> Bool { a.description < b.description }
}

/// The recorded archive, loaded into a fresh store per audit.
enum LeakFixtureArchive {
    static let url = LeakFixtureCase.directory.appendingPathComponent("images.tar")

    struct ManifestEntry: Decodable {
        var config: String
        var repoTags: [String]
        var layers: [String]
        enum CodingKeys: String, CodingKey {
            case config = "Config", repoTags = "RepoTags", layers = "Layers"
        }
    }

    /// The docker-archive's manifest.json (one entry per image).
    static func manifest() throws -> [ManifestEntry] {
        let result = try run("tar", ["-xOf", url.path, "manifest.json"])
        guard let result, result.status == 0 else { throw FixtureError.tool("tar -xOf images.tar manifest.json failed") }
        return try JSONDecoder().decode([ManifestEntry].self, from: Data(result.output.utf8))
    }

    /// Loads the whole archive into a temporary store and audits the case's image by name,
    /// declaring its secrets through environment variables.
    static func audit(_ fixture: LeakFixtureCase) throws -> AuditReport {
        try withEngine { engine, _ in
            let loaded = try engine.load(archive: url)
            #expect(loaded.count >= 17, "images.tar holds every case")
            var environment: [String: String] = [:]
            var sources: [SecretSource] = []
            for (id, value) in fixture.secrets.sorted(by: { $0.key < $1.key }) {
                let variable = "STRATA_FIXTURE_" + id.uppercased()
                environment[variable] = value
                sources.append(SecretSource(id: id, environmentVariable: variable))
            }
            return try engine.audit(fixture.tag, secrets: sources, environment: environment)
        }
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case tool(String)
    var description: String {
        switch self {
        case .tool(let message): message
        }
    }
}
