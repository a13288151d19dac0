import Foundation

/// Wall-clock seconds `body` takes (monotonic clock).
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds (user + system) used so far by this process and by its waited-for children.
func cpuSeconds() -> Double {
    func total(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }
    return total(RUSAGE_SELF) + total(RUSAGE_CHILDREN)
}

/// Wall-clock and CPU seconds of `body`. On a shared machine the CPU time is the steadier
/// figure; a wall time far above it means waiting (for the disk, a daemon or other users).
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpu = cpuSeconds()
    let wall = try seconds(body)
    return (wall, cpuSeconds() - cpu)
}

/// The fastest of `runs` timings: the least disturbed by the other work on a shared machine.
func bestOf(_ runs: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    var best = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<max(1, runs) {
        let run = try measure(body)
        if run.wall < best.wall { best = run }
    }
    return best
}

/// What a tool printed and how it exited.
struct ToolResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `path` with `arguments`, collecting stdout and stderr (read concurrently, so neither
/// pipe can fill and block the child).
@discardableResult
func runTool(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errorData = ErrorCollector()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errorData.data = err.fileHandleForReading.readDataToEndOfFile() }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ToolResult(
        status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
        stderr: String(decoding: errorData.data, as: UTF8.self))
}

/// stderr bytes filled in by the reader thread; read only after it has finished.
private final class ErrorCollector: @unchecked Sendable {
    var data = Data()
}

/// A fresh directory under the system temp directory; the caller removes it.
func makeTemporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// `12.3` style numbers for the result lines.
func fixed(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Large rates as `1.23M`, `45.6k`, so lines stay short.
func rate(_ value: Double) -> String {
    if value >= 1e6 { return fixed(value / 1e6, 2) + "M" }
    if value >= 1e3 { return fixed(value / 1e3, 1) + "k" }
    return fixed(value, 1)
}

/// A duration as `12.3 ms` or `4.56 s`.
func duration(_ seconds: Double) -> String {
    seconds < 1 ? fixed(seconds * 1000, 1) + " ms" : fixed(seconds, 2) + " s"
}

/// `ok` or `MISSED` after a ratio and its target, so a run can be scanned for misses.
func verdict(_ met: Bool) -> String { met ? "ok" : "MISSED" }

/// Prints one result line and flushes it, so results appear as they are measured even when
/// stdout is a file or a pipe.
func report(_ line: String) {
    print(line)
    fflush(nil)
}
