import Foundation
import Strata
import StrataVerify

/// Auditing a docker-archive of at least 1 GiB for 16 declared secrets in every encoding,
/// against `tar -xOf X.tar | grep -c -F -f patterns` looking for the raw values only.
enum AuditBench {
    static func run(_ options: BenchOptions) throws {
        let secrets = (0..<16).map { i in
            (id: "secret\(i)", value: Array("bench-secret-\(i)-\(String(UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15, radix: 36))".utf8))
        }
        let directory = try makeTemporaryDirectory("audit")
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("image.tar")
        var planted = (rawPlants: 0, files: 0)
        let generateTime = try seconds {
            planted = try ArchiveGenerator(targetBytes: options.auditBytes, secrets: secrets).write(to: archive)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? Int) ?? 0
        let mb = Double(size) / 1e6
        let patterns = directory.appendingPathComponent("patterns")
        try Data(secrets.map { String(decoding: $0.value, as: UTF8.self) + "\n" }.joined().utf8).write(to: patterns)

        // Read the archive once so both sides start from the page cache.
        _ = try runTool("/bin/sh", ["-c", "cat \"$1\" > /dev/null", "sh", archive.path])

        let auditor = ImageAuditor(secrets: secrets.map { SecretSpec(id: $0.id, value: $0.value) })
        var auditReport: AuditReport?
        let ours = try measure { auditReport = try auditor.audit(try ArchivedImage(path: archive.path), name: archive.lastPathComponent) }
        var grepCount = ""
        let theirs = try measure {
            let result = try runTool(
                "/bin/sh", ["-c", "tar -xOf \"$1\" | grep -c -F -f \"$2\"", "sh", archive.path, patterns.path],
                environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"])
            grepCount = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let findings = auditReport?.findings ?? []
        let leaks = Set(findings.filter { $0.severity == .leak }.map(\.secret))
        let rawHits = findings.filter { $0.severity == .leak && $0.encoding == "raw" }.count
        let oursTime = ours.wall
        let theirsTime = theirs.wall
        let ratio = theirsTime / oursTime
        let check = leaks.count == secrets.count ? "" : "  MISSED SECRETS: found \(leaks.count) of \(secrets.count)"
        report("audit: strata \(fixed(mb / oursTime, 0)) MB/s (\(duration(oursTime)), cpu \(duration(ours.cpu)), \(secrets.count) secrets × all encodings + detectors, \(findings.count) findings, \(rawHits) raw), tar|grep -F \(fixed(mb / theirsTime, 0)) MB/s (\(duration(theirsTime)), cpu \(duration(theirs.cpu)), raw only, \(grepCount) matching lines), ratio \(fixed(ratio, 2))x (target ≥ 1.0x) \(verdict(ratio >= 1)) [\(size >> 20) MiB, \(planted.files) files, \(planted.rawPlants) raw plants; generated in \(duration(generateTime))]\(check)")

        // The secret scanner alone, in memory: how much of the audit's time is the matching itself.
        let scanner = ScannerBenchmark.run(megabytes: options.quick ? 64 : 256, secretCount: secrets.count)
        report("audit-scanner: strata SecretScanner alone \(fixed(scanner.megabytesPerSecond * 1.048576, 0)) MB/s on random bytes (\(scanner.patterns) patterns, no I/O, no detectors); the grep pipeline above \(fixed(mb / theirsTime, 0)) MB/s (informational)")

        guard !options.quick else { return }
        // The public entry point: Engine.audit reads the archive in place too, secrets from the environment.
        let storeRoot = directory.appendingPathComponent("store")
        let engine = try Engine(storeRoot: storeRoot)
        let environment = Dictionary(uniqueKeysWithValues: secrets.map { ("BENCH_\($0.id.uppercased())", String(decoding: $0.value, as: UTF8.self)) })
        let sources = secrets.map { SecretSource(id: $0.id, environmentVariable: "BENCH_\($0.id.uppercased())") }
        var engineReport: AuditReport?
        let engineTime = try seconds { engineReport = try engine.audit(archive.path, secrets: sources, environment: environment) }
        let engineRatio = theirsTime / engineTime
        let same = engineReport?.findings.count == auditReport?.findings.count ? "" : "  FINDINGS DIFFER (\(engineReport?.findings.count ?? 0) vs \(findings.count))"
        report("audit-engine: strata Engine.audit \(fixed(mb / engineTime, 0)) MB/s (\(duration(engineTime)), the archive read in place), tar|grep -F \(fixed(mb / theirsTime, 0)) MB/s, ratio \(fixed(engineRatio, 2))x (target ≥ 1.0x) \(verdict(engineRatio >= 1))\(same)")
    }
}
