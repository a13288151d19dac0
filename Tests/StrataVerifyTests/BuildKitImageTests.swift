import Foundation
import Testing

@testable import StrataVerify

/// Whether a docker daemon answers on this machine: a socket file left behind by a stopped
/// daemon is not a daemon.
enum DockerDaemon {
    static let answers: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/docker") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker")
        process.arguments = ["version", "--format", "{{.Server.Version}}"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}

/// Audits images built by the real BuildKit of this machine's docker daemon (no network,
/// a `FROM scratch` image around the static busybox). Skipped when no daemon answers.
@Suite(.enabled(if: DockerDaemon.answers))
struct BuildKitImageTests {
    static let value = "tk-5c2e9a71b04d4f0e8a3b"

    /// Runs docker with BuildKit on; returns its exit status.
    @discardableResult
    func docker(_ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["DOCKER_BUILDKIT": "1"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func secretWrittenThenDeletedIsFoundInItsLayer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: "/usr/bin/busybox", toPath: directory.appendingPathComponent("busybox").path)
        try Data(Self.value.utf8).write(to: directory.appendingPathComponent("tok"))
        let bb = "/bin/busybox"
        try Data("""
            FROM scratch
            COPY busybox /bin/busybox
            RUN --mount=type=secret,id=tok ["\(bb)", "sh", "-c", "\(bb) mkdir -p /app && \(bb) cat /run/secrets/tok > /app/leak.txt && \(bb) base64 /run/secrets/tok > /app/leak.b64"]
            RUN ["\(bb)", "rm", "/app/leak.txt"]
            ENV MODE=prod

            """.utf8).write(to: directory.appendingPathComponent("Dockerfile"))
        let tag = "strata-verify-test:\(UUID().uuidString.prefix(8).lowercased())"
        let built = try docker(["build", "--network=none", "--secret", "id=tok,src=tok", "-t", tag, "."], in: directory)
        try #require(built == 0)
        defer { _ = try? docker(["rmi", tag], in: directory) }
        try #require(try docker(["save", tag, "-o", "image.tar"], in: directory) == 0)

        let image = try DockerArchiveImage(path: directory.appendingPathComponent("image.tar").path)
        let report = try ImageAuditor(secrets: [SecretSpec(id: "tok", text: Self.value)]).audit(image, name: tag)
        #expect(Set(report.findings.map(Seen.init)) == [
            Seen("tok", .layer, layer: 1, path: "app/leak.txt", "raw", removed: true),
            Seen("tok", .layer, layer: 1, path: "app/leak.b64", "base64", removed: false),
        ])
        #expect(report.findings.allSatisfy { $0.introducedBy?.instruction == "RUN" })
        #expect(report.findings.allSatisfy { $0.introducedBy?.createdBy?.hasPrefix("RUN /bin/busybox sh -c") == true })
        #expect(!report.renderText().contains(Self.value))
    }
}
