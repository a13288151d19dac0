import Foundation

/// Runs installed tools (skopeo, umoci, docker) against archives Strata wrote. Tests that
/// need one are disabled, and reported as skipped, when it is not installed.
enum ExternalTool {
    static func available(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Whether a Docker daemon answers (CI may have the client but no daemon).
    static let dockerDaemonAvailable: Bool = {
        guard available("/usr/bin/docker") else { return false }
        return (try? run("/usr/bin/docker", ["version", "--format", "{{.Server.Version}}"]).status) == 0
    }()

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self))
    }
}
