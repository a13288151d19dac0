import Foundation
import Strata
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh store directory, removed when `body` returns.
func withEngine<T>(_ body: (Engine, URL) throws -> T) throws -> T {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    return try body(try Engine(storeRoot: root.appendingPathComponent("store")), root)
}

/// Writes a build context: files by relative path, plus a Dockerfile.
func makeContext(in root: URL, dockerfile: String, files: [String: String] = [:]) throws -> URL {
    let context = root.appendingPathComponent("context-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
    try dockerfile.write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
    for (path, content) in files {
        let url = context.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: true, encoding: .utf8)
    }
    return context
}

/// Runs an external tool; nil when it is not installed.
func run(_ tool: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String)? {
    let path = ["/usr/bin/", "/usr/local/bin/", "/usr/sbin/"].map { $0 + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Makes `busybox:sim` from Debian's busybox-static with Scripts/make-busybox-image and loads it.
func loadBusyboxSim(into engine: Engine, scratch: URL) throws -> Bool {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/busybox") else { return false }
    let archive = scratch.appendingPathComponent("busybox-sim.tar")
    let script = repositoryRoot.appendingPathComponent("Scripts/make-busybox-image").path
    guard let result = try run("bash", [script, archive.path]), result.status == 0 else { return false }
    _ = try engine.load(archive: archive)
    return true
}
