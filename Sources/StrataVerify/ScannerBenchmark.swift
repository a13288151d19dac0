import StrataSupport
import Foundation
import StrataArchive

/// Throughput of the secret scanner on random bytes, for `make bench`; not a test.
public enum ScannerBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var bytes: Int
        public var seconds: Double
        public var patterns: Int
        public var matches: Int
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0 }
        public var description: String {
            String(format: "scanned %d MiB for %d patterns in %.3f s: %.1f MiB/s (%d matches)",
                bytes >> 20, patterns, seconds, megabytesPerSecond, matches)
        }
    }

    /// Scans `megabytes` MiB of pseudo-random bytes (a fixed seed, so runs compare) for all
    /// patterns of `secretCount` random 32-byte secrets, in 1 MiB chunks; with `detectors`,
    /// the built-in detectors run over the same bytes too, as in an audit.
    public static func run(megabytes: Int = 64, secretCount: Int = 8, detectors: Bool = false) -> Result {
        var generator = SplitMix(seed: 0x5eed)
        let secrets = (0..<secretCount).map { i in
            SecretSpec(id: "bench\(i)", value: (0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        let scanner = SecretScanner(secrets: secrets)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var stream = scanner.stream()
        var detectorStream = DetectorScanner(detectors: detectors ? Detector.builtIn : []).stream()
        var matches = 0
        var elapsed = 0.0
        for _ in 0..<megabytes {
            for i in stride(from: 0, to: chunk.count, by: 8) {
                withUnsafeBytes(of: generator.next().littleEndian) { word in
                    for k in 0..<8 { chunk[i + k] = word[k] }
                }
            }
            let start = DispatchTime.now().uptimeNanoseconds
            stream.feed(chunk) { _ in matches += 1 }
            detectorStream.feed(chunk) { _ in matches += 1 }
            elapsed += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        return Result(bytes: megabytes << 20, seconds: elapsed, patterns: scanner.patterns.count, matches: matches)
    }

    /// Audits an in-memory image with one uncompressed layer holding `megabytes` MiB of
    /// pseudo-random files (1 MiB each), with all detectors: the whole audit path.
    public static func runAudit(megabytes: Int = 64, secretCount: Int = 8) throws -> Result {
        var generator = SplitMix(seed: 0xa0d1)
        let secrets = (0..<secretCount).map { i in
            SecretSpec(id: "bench\(i)", value: (0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        var writer = TarWriter()
        var file = [UInt8](repeating: 0, count: 1 << 20)
        for index in 0..<megabytes {
            for i in stride(from: 0, to: file.count, by: 8) {
                withUnsafeBytes(of: generator.next().littleEndian) { word in
                    for k in 0..<8 { file[i + k] = word[k] }
                }
            }
            writer.append(TarHeader(path: "data/\(index).bin", kind: .file), contents: file)
        }
        let image = InMemoryImage(configJSON: Array(#"{"history":[{"created_by":"RUN bench"}]}"#.utf8), layers: [writer.finish()])
        let auditor = ImageAuditor(secrets: secrets)
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try auditor.audit(image, name: "bench")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(bytes: megabytes << 20, seconds: seconds, patterns: auditor.secretScanner.patterns.count, matches: report.findings.count)
    }
}
