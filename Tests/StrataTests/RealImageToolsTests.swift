import Foundation
import Strata
import Testing

/// The skeleton's acceptance: an image built FROM a busybox made from Debian's busybox-static
/// is accepted by skopeo (docker-archive) and umoci (OCI layout), and its unpacked root
/// filesystem has the expected files and no secret bytes.
@Suite struct RealImageToolsTests {
    @Test func savedImagesAreAcceptedBySkopeoAndUmoci() throws {
        try withEngine { engine, root in
            guard try loadBusyboxSim(into: engine, scratch: root) else {
                Issue.record("busybox-static is not installed (CI installs it): cannot make busybox:sim")
                return
            }
            let secretValue = "s3cr3t-d0-not-ship-\(UUID().uuidString)"
            let secretURL = root.appendingPathComponent("secret")
            try secretValue.write(to: secretURL, atomically: true, encoding: .utf8)
            let context = try makeContext(in: root, dockerfile: """
                FROM busybox:sim
                COPY app.txt /app/app.txt
                RUN --mount=type=secret,id=tok wc -c /run/secrets/tok > /app/secret-length
                CMD ["cat", "/app/app.txt"]
                """, files: ["app.txt": "hello\n"])
            let outcome = try engine.build(BuildRequest(contextDirectory: context, tags: ["acceptance:1"], secrets: [SecretSource(id: "tok", filePath: secretURL.path)]))
            // The empty /run/secrets the mount leaves is informational; everything else is derived.
            #expect(outcome.report.findings.allSatisfy { $0.severity == .exposure || $0.secret == "mount-residue" }, "the secret's length is derived, not the secret")

            let dockerArchive = root.appendingPathComponent("image-docker.tar")
            try engine.save(["acceptance:1"], format: .docker, to: dockerArchive)
            if let result = try run("skopeo", ["inspect", "docker-archive:" + dockerArchive.path]) {
                #expect(result.status == 0, "skopeo: \(result.output)")
                #expect(result.output.contains("\"Layers\""))
            } else {
                Issue.record("skopeo is not installed (CI installs it)")
            }

            let ociArchive = root.appendingPathComponent("image-oci.tar")
            try engine.save(["acceptance:1"], format: .oci, to: ociArchive)
            let layout = root.appendingPathComponent("layout")
            try FileManager.default.createDirectory(at: layout, withIntermediateDirectories: true)
            _ = try run("tar", ["-xf", ociArchive.path, "-C", layout.path])
            let index = try String(contentsOf: layout.appendingPathComponent("index.json"), encoding: .utf8)
            let tag = index.contains("\"org.opencontainers.image.ref.name\":\"1\"") || index.contains("\"org.opencontainers.image.ref.name\" : \"1\"") ? "1" : "acceptance:1"
            let bundle = root.appendingPathComponent("bundle")
            guard let unpack = try run("umoci", ["unpack", "--rootless", "--image", layout.path + ":" + tag, bundle.path]) else {
                Issue.record("umoci is not installed (CI installs it)")
                return
            }
            #expect(unpack.status == 0, "umoci: \(unpack.output)")
            let rootfs = bundle.appendingPathComponent("rootfs")
            #expect(try String(contentsOf: rootfs.appendingPathComponent("app/app.txt"), encoding: .utf8) == "hello\n")
            let length = try String(contentsOf: rootfs.appendingPathComponent("app/secret-length"), encoding: .utf8)
            #expect(length == "\(secretValue.utf8.count) /run/secrets/tok\n")
            #expect(FileManager.default.fileExists(atPath: rootfs.appendingPathComponent("bin/busybox").path))
            #expect(!FileManager.default.fileExists(atPath: rootfs.appendingPathComponent("run/secrets/tok").path))
            if let grep = try run("grep", ["-rl", secretValue, rootfs.path]) {
                #expect(grep.status == 1, "no file holds the secret: \(grep.output)")
            }
        }
    }
}
