import Foundation
import Testing

@testable import Strata
@testable import StrataInspect
import StrataCLI

/// `strata efficiency` against real dive: Scripts/record-dive-efficiency saved dive's CI report
/// (`CI=true dive --source docker-archive`, default rules) for every leak fixture and
/// file-system case image; Strata must print the same report for the same images.
@Suite struct DiveEfficiencyTests {
    static let records = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DiveRecords")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: records.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func everyRecordedImageHasARecord() {
        #expect(Self.cases.count >= 40)
    }

    @Test func reportsMatchDiveForEveryRecordedImage() throws {
        try withEngine { engine, _ in
            _ = try engine.load(archive: LeakFixtureArchive.url)
            _ = try engine.load(archive: Self.records.appendingPathComponent("fs-cases.tar"))
            for name in Self.cases {
                let expected = try String(contentsOf: Self.records.appendingPathComponent(name + ".txt"), encoding: .utf8)
                let tag = name.hasPrefix("fs-case-") ? name + ":latest" : "leak/" + name + ":latest"
                let report = EfficiencyRules().report(try engine.efficiency(tag))
                #expect(report == expected, "\(name)")
            }
        }
    }
}

/// `strata efficiency` from the command line: dive's report, its exit statuses and rule flags.
@Suite struct EfficiencyCLITests {
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-efficiency-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var terminal = Terminal.captured
        let store = root.appendingPathComponent("store").path
        _ = StrataCLI.run(["--store", store, "load", "-i", LeakFixtureArchive.url.path], environment: [:], terminal: &terminal)
        terminal = Terminal.captured
        let status = StrataCLI.run(["--store", store, "efficiency"] + arguments, environment: [:], terminal: &terminal)
        return (status, terminal.output, terminal.errors)
    }

    @Test func aWastefulImageFailsDivesDefaultRulesWithStatusOne() throws {
        let result = try Self.run(["leak/deleted-later:latest"])
        #expect(result.status == 1)
        let expected = try String(contentsOf: DiveEfficiencyTests.records.appendingPathComponent("deleted-later.txt"), encoding: .utf8)
        #expect(result.out == expected)
    }

    @Test func disablingTheFailingRulePassesAndJSONSaysWhy() throws {
        let result = try Self.run(["--format", "json", "--highest-user-wasted-percent", "disabled", "leak/deleted-later:latest"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["pass"] as? Bool == true)
        #expect(json["wastedBytes"] as? Int == 38)
        let files = try #require(json["inefficiencies"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == "/tmp/secret.txt")
    }

    @Test func aCleanImagePassesAndABadRuleValueIsAUsageError() throws {
        #expect(try Self.run(["leak/clean-plain:latest"]).status == 0)
        let bad = try Self.run(["--lowest-efficiency", "high", "leak/clean-plain:latest"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("--lowest-efficiency takes a number"))
    }
}
