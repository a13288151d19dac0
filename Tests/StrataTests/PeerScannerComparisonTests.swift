import Foundation
import Strata
import StrataVerify
import Testing

/// Issue 6's comparison: on the same recorded archives, Strata finds everything the seed-era
/// recipe (`tar -xO` of each layer piped to `grep -c -F SECRET`) and `detect-secrets` find, and
/// more: secrets in history and config, in file names, in files a later layer removes only
/// in the sense that grep cannot tell, and in encoded forms. Docs/leak-fixtures.md tabulates it.
@Suite struct PeerScannerComparisonTests {
    @Test(arguments: try LeakFixtureCase.all())
    func strataFindsEveryLayerTheGrepRecipeFinds(_ fixture: LeakFixtureCase) throws {
        try withExtractedArchive { archive in
            let strata = try LeakFixtureArchive.audit(fixture).findings
            let grepHits = try PeerScanners.grepRecipe(fixture, archive: archive)
            for hit in grepHits {
                #expect(
                    strata.contains { $0.secret == hit.secret && $0.place == .layer && $0.layer == hit.layer && $0.severity == .leak },
                    "grep finds \(hit.secret) in layer \(hit.layer) of \(fixture.name); Strata does not")
            }
            if fixture.clean { #expect(grepHits.isEmpty, "grep finds a secret in a clean image") }
        }
    }

    @Test(.enabled(if: PeerScanners.detectSecrets != nil, "detect-secrets is not installed (pip install detect-secrets)"),
          arguments: try LeakFixtureCase.all())
    func strataFindsEveryFileDetectSecretsFinds(_ fixture: LeakFixtureCase) throws {
        try withExtractedArchive { archive in
            let strata = try LeakFixtureArchive.audit(fixture).findings
            for hit in try PeerScanners.detectSecretsScan(fixture, archive: archive) {
                #expect(
                    strata.contains { $0.place == .layer && $0.layer == hit.layer && $0.path == hit.path },
                    "detect-secrets flags \(hit.path) (\(hit.types.joined(separator: ", "))) in layer \(hit.layer) of \(fixture.name); Strata does not")
            }
        }
    }

    /// What only Strata sees, per case: the leaks that neither peer attributes to the same
    /// place. Each pattern below is one the issue names as missed by grep-style scanning.
    @Test(arguments: [
        ("arg-in-history", "history"), ("env-in-config", "config"), ("env-in-config", "history"),
        ("label-in-config", "config"), ("run-echo", "history"), ("base64-copy", "base64"), ("hex-copy", "hex"),
        ("secret-in-filename", "path"),
    ])
    func strataFindsWhatThePeersMiss(_ name: String, _ kind: String) throws {
        let fixture = try #require(try LeakFixtureCase.all().first { $0.name == name })
        try withExtractedArchive { archive in
            let strata = try LeakFixtureArchive.audit(fixture).findings.filter { $0.severity == .leak }
            let only = try PeerScanners.strataOnly(fixture, strata: strata, archive: archive)
            #expect(only.contains { $0.place.rawValue == kind || $0.encoding == kind || $0.field == kind }, "\(name): nothing of kind \(kind) that only Strata finds")
        }
    }
}

/// The recorded archive unpacked once per test (docker save stores shared layers as symlinks).
func withExtractedArchive<T>(_ body: (URL) throws -> T) throws -> T {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-leakfixtures-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    guard let result = try run("tar", ["-xf", LeakFixtureArchive.url.path, "-C", scratch.path]), result.status == 0 else {
        throw FixtureError.tool("cannot unpack images.tar")
    }
    return try body(scratch)
}

/// The scanners Strata is compared with, run as users run them.
enum PeerScanners {
    struct GrepHit: Hashable { var secret: String; var layer: Int }
    struct FileHit: Hashable { var layer: Int; var path: String; var types: [String] }

    /// `detect-secrets` on PATH, if installed.
    static let detectSecrets: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"]
        return directories.map { $0 + "/detect-secrets" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func entry(_ fixture: LeakFixtureCase, archive: URL) throws -> LeakFixtureArchive.ManifestEntry {
        let data = try Data(contentsOf: archive.appendingPathComponent("manifest.json"))
        let entries = try JSONDecoder().decode([LeakFixtureArchive.ManifestEntry].self, from: data)
        guard let entry = entries.first(where: { $0.repoTags.contains(fixture.tag) }) else { throw FixtureError.tool("\(fixture.tag) not in images.tar") }
        return entry
    }

    /// The seed-era recipe, one layer at a time so a hit can be placed:
    /// `tar -xOf LAYER | grep -c -F "$SECRET"`. The secret goes through the environment.
    static func grepRecipe(_ fixture: LeakFixtureCase, archive: URL) throws -> Set<GrepHit> {
        var hits: Set<GrepHit> = []
        for (index, layer) in try entry(fixture, archive: archive).layers.enumerated() {
            for (id, value) in fixture.secrets {
                let layerPath = archive.appendingPathComponent(layer).path
                let environment = ["LEAK_LAYER": layerPath, "LEAK_SECRET": value, "PATH": "/usr/bin:/bin"]
                guard let result = try run("sh", ["-c", "tar -xOf \"$LEAK_LAYER\" | grep -c -F -- \"$LEAK_SECRET\""], environment: environment) else {
                    throw FixtureError.tool("sh is missing")
                }
                let count = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                if count > 0 { hits.insert(GrepHit(secret: id, layer: index)) }
            }
        }
        return hits
    }

    /// `detect-secrets scan --all-files .` in each unpacked layer; results keyed by layer and path.
    static func detectSecretsScan(_ fixture: LeakFixtureCase, archive: URL) throws -> [FileHit] {
        guard let tool = detectSecrets else { return [] }
        var hits: [FileHit] = []
        for (index, layer) in try entry(fixture, archive: archive).layers.enumerated() {
            let root = archive.appendingPathComponent("unpacked-\(index)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            guard let untar = try run("tar", ["-xf", archive.appendingPathComponent(layer).path, "-C", root.path]), untar.status == 0 else {
                throw FixtureError.tool("cannot unpack layer \(index)")
            }
            let process = Process()
            // detect-secrets scans through a multiprocessing pool, which deadlocks when started
            // with the signal mask a Foundation `Process` child inherits on Linux; a one-line
            // Python shim clears the mask, then execs the real tool.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.execv(sys.argv[1], sys.argv[1:])",
                tool, "scan", "--all-files", ".",
            ]
            process.currentDirectoryURL = root
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let results = json["results"] as? [String: [[String: Any]]] else {
                throw FixtureError.tool("detect-secrets failed on layer \(index) of \(fixture.name)")
            }
            for (path, found) in results.sorted(by: { $0.key < $1.key }) {
                let clean = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
                hits.append(FileHit(layer: index, path: clean, types: found.compactMap { $0["type"] as? String }))
            }
        }
        return hits
    }

    /// Strata's leaks that neither grep (same secret, same layer, raw) nor detect-secrets
    /// (same layer and path) reports.
    static func strataOnly(_ fixture: LeakFixtureCase, strata: [Finding], archive: URL) throws -> [Finding] {
        let grep = try grepRecipe(fixture, archive: archive)
        let detect = try detectSecretsScan(fixture, archive: archive)
        return strata.filter { finding in
            guard finding.place == .layer, let layer = finding.layer else { return true }
            let byGrep = finding.encoding == "raw" && finding.field == nil && grep.contains(GrepHit(secret: finding.secret, layer: layer))
            let byDetect = detect.contains { $0.layer == layer && $0.path == finding.path }
            return !byGrep && !byDetect
        }
    }
}
