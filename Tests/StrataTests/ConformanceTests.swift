import Foundation
import Strata
import Testing

/// Strata against real BuildKit: every case under Tests/Conformance was built by docker 20.10's
/// BuildKit (`Scripts/record-conformance`), and its layers, config, history, rebuild cache hits
/// and failure messages recorded. Here Strata builds the same case and must produce the same.
///
/// Cases Strata does not match yet are listed in Tests/Conformance/PENDING with the reason; they
/// run as known issues, so fixing one makes its test fail until it leaves the list.
@Suite(.serialized) struct ConformanceTests {
    static let casesDirectory = repositoryRoot.appendingPathComponent("Tests/Conformance")

    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: casesDirectory.appendingPathComponent("\($0)/expected.json").path) }.sorted()
    }

    /// Cases Strata does not match yet: `NAME: reason` lines of Tests/Conformance/PENDING.
    static var pending: [String: String] { list("PENDING") }

    /// Cases that use syntax newer than the recorded BuildKit: Strata must build them.
    static var newerSyntax: [String: String] { list("NEWER-SYNTAX") }

    static func list(_ file: String) -> [String: String] {
        guard let text = try? String(contentsOf: casesDirectory.appendingPathComponent(file), encoding: .utf8) else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// busybox:sim, made once per run by Scripts/make-busybox-image.
    static let busyboxArchive: URL? = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-conformance-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let archive = directory.appendingPathComponent("busybox-sim.tar")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/busybox"),
            let result = try? run("bash", [repositoryRoot.appendingPathComponent("Scripts/make-busybox-image").path, archive.path]),
            result.status == 0
        else { return nil }
        return archive
    }()

    @Test func corpusHasAtLeastFortyCases() {
        #expect(Self.caseNames.count >= 40)
    }

    @Test(arguments: caseNames)
    func matchesBuildKit(_ name: String) throws {
        guard let archive = Self.busyboxArchive else {
            Issue.record("busybox-static is not installed (CI installs it): cannot make busybox:sim")
            return
        }
        if Self.newerSyntax[name] != nil {
            try Self.checkNewerSyntaxBuilds(name, archive: archive)
        } else if let reason = Self.pending[name] {
            withKnownIssue("pending: \(reason)") { try Self.check(name, archive: archive) }
        } else {
            try Self.check(name, archive: archive)
        }
    }

    static func check(_ name: String, archive: URL) throws {
        let source = casesDirectory.appendingPathComponent(name)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: source.appendingPathComponent("expected.json"))) as? [String: Any] ?? [:]
        let specData = try? Data(contentsOf: source.appendingPathComponent("case.json"))
        let spec = specData.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        try withEngine { engine, root in
            _ = try engine.load(archive: archive)
            let baseDiffIDs = try engine.image("busybox:sim").config.diffIDs.map(\.description)
            let copy = root.appendingPathComponent("case")
            try FileManager.default.copyItem(at: source, to: copy)
            let context = copy.appendingPathComponent("context")
            try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
            func request(_ spec: [String: Any], noCache: Bool) -> BuildRequest {
                let secrets = spec["secrets"] as? [String: String] ?? [:]
                var environment: [String: String] = [:]
                for (id, value) in secrets { environment["STRATA_CONFORMANCE_SECRET_\(id)"] = value }
                return BuildRequest(
                    contextDirectory: context, dockerfile: copy.appendingPathComponent("Dockerfile"), tags: ["conformance/\(name.lowercased()):latest"],
                    buildArgs: (spec["buildArgs"] as? [String: String]) ?? [:],
                    secrets: secrets.keys.sorted().map { SecretSource(id: $0, environmentVariable: "STRATA_CONFORMANCE_SECRET_\($0)") },
                    target: spec["target"] as? String, noCache: noCache, environment: environment)
            }
            if spec["mustFail"] as? Bool == true {
                let failure = expected["failure"] as? [String: String] ?? [:]
                let message = failure["stepError"] ?? failure["error"] ?? ""
                #expect {
                    try engine.build(request(spec, noCache: true))
                } throws: { error in
                    let text = "\(error)"
                    let matches = text.contains(message) || message.split(separator: ":").last.map { text.contains($0.trimmingCharacters(in: .whitespaces)) } ?? false
                    if !matches { Issue.record("\(name): BuildKit failed with \"\(message)\", Strata with \"\(text)\"") }
                    return true
                }
                return
            }
            _ = try engine.build(request(spec, noCache: true))
            let actual = try ConformanceRecord.image(engine, reference: "conformance/\(name.lowercased()):latest", baseDiffIDs: baseDiffIDs)
            let expectedImage = ConformanceRecord.normalise(expected["image"] ?? [:])
            let differences = ConformanceRecord.differences(expectedImage, ConformanceRecord.normalise(actual))
            if !differences.isEmpty {
                Issue.record("\(name) differs from BuildKit:\n\(differences.joined(separator: "\n"))")
            }
            if let rebuild = spec["rebuild"] as? [String: Any], let expectedRebuild = expected["rebuild"] as? [String: [String]] {
                try applyRebuildChanges(rebuild, in: copy)
                var again = spec
                for key in ["buildArgs", "secrets"] {
                    if let changed = rebuild[key] as? [String: String] {
                        again[key] = (spec[key] as? [String: String] ?? [:]).merging(changed) { $1 }
                    }
                }
                let outcome = try engine.build(request(again, noCache: false))
                let cached = outcome.cachedSteps.map(Self.stepText)
                let expectedCached = expectedRebuild["cached"] ?? []
                if cached != expectedCached {
                    Issue.record("\(name) rebuild: BuildKit cached \(expectedCached), Strata cached \(cached)")
                }
            }
        }
    }

    /// Syntax the recorded frontend rejects but the current reference documents: Strata builds it.
    static func checkNewerSyntaxBuilds(_ name: String, archive: URL) throws {
        try withEngine { engine, root in
            _ = try engine.load(archive: archive)
            let source = casesDirectory.appendingPathComponent(name)
            let context = root.appendingPathComponent("context")
            try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
            let caseContext = source.appendingPathComponent("context")
            if FileManager.default.fileExists(atPath: caseContext.path) {
                try FileManager.default.removeItem(at: context)
                try FileManager.default.copyItem(at: caseContext, to: context)
            }
            let environment = ["STRATA_CONFORMANCE_SECRET_token": "fake-secret"]
            _ = try engine.build(BuildRequest(
                contextDirectory: context, dockerfile: source.appendingPathComponent("Dockerfile"),
                secrets: [SecretSource(id: "token", environmentVariable: "STRATA_CONFORMANCE_SECRET_token")], environment: environment))
        }
    }

    /// `[stage 2/4] RUN x` → `RUN x`, as the recorder stores step texts.
    static func stepText(_ name: String) -> String {
        guard name.hasPrefix("["), let close = name.firstIndex(of: "]") else { return name }
        return String(name[name.index(after: close)...]).trimmingCharacters(in: .whitespaces)
    }

    static func applyRebuildChanges(_ rebuild: [String: Any], in copy: URL) throws {
        for path in rebuild["touch"] as? [String] ?? [] {
            let url = copy.appendingPathComponent(path)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let date = (attributes[.modificationDate] as? Date ?? Date()).addingTimeInterval(3600)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
        }
        for path in rebuild["change"] as? [String] ?? [] {
            let handle = try FileHandle(forWritingTo: copy.appendingPathComponent(path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("changed\n".utf8))
            try handle.close()
        }
        for (path, mode) in rebuild["chmod"] as? [String: String] ?? [:] {
            try FileManager.default.setAttributes([.posixPermissions: Int(mode, radix: 8) ?? 0o644], ofItemAtPath: copy.appendingPathComponent(path).path)
        }
    }
}
