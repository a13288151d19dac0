import Foundation
import StrataSupport

// `make bench`: Strata's speed goals, measured side by side with the real tools in one run.
// Never part of `make test`; numbers vary by machine, ratios are what to compare.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func runTool(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func benchSHA256() throws {
    let size = 256 << 20
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-sha256")
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
    let theirsTime = try seconds { theirs = String(try runTool("/usr/bin/sha256sum", [file.path]).prefix(64)) }
    let mb = Double(size) / 1e6
    print("sha256: strata \(String(format: "%.0f", mb / oursTime)) MB/s, sha256sum \(String(format: "%.0f", mb / theirsTime)) MB/s, ratio \(String(format: "%.2f", theirsTime / oursTime))x (target ≥ 1.0x)\(ours == theirs ? "" : "  MISMATCH")")
}

print("Strata benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
try benchSHA256()
