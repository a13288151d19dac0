import Foundation
import StrataSupport

/// SHA-256 of a file: Strata's digest against coreutils `sha256sum` on the same bytes.
enum SHA256Bench {
    static func run(_ options: BenchOptions) throws {
        let size = (options.quick ? 64 : 256) << 20
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-sha256-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: size)
        for i in stride(from: 0, to: size, by: 8) {
            withUnsafeBytes(of: generator.next()) { word in for j in 0..<8 { bytes[i + j] = word[j] } }
        }
        try Data(bytes).write(to: file)
        var ours = ""
        let oursTime = try seconds {
            let data = try Data(contentsOf: file)
            ours = Digest.of(data).hex
        }
        var theirs = ""
        let theirsTime = try seconds { theirs = String(try runTool("/usr/bin/sha256sum", [file.path]).stdout.prefix(64)) }
        let mb = Double(size) / 1e6
        let ratio = theirsTime / oursTime
        report("sha256: strata \(fixed(mb / oursTime, 0)) MB/s, sha256sum \(fixed(mb / theirsTime, 0)) MB/s, ratio \(fixed(ratio, 2))x (target ≥ 1.0x) \(verdict(ratio >= 1))\(ours == theirs ? "" : "  MISMATCH")")
    }
}
