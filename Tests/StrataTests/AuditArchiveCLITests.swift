import Foundation
import StrataCLI
import StrataSupport
import Testing

/// `strata audit` on an OCI layout it cannot read yet: a clear error and exit status 1.
@Suite struct AuditArchiveCLITests {
    @Test func zstdLayersAreAClearErrorWithExitStatusOne() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-zstd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = root.appendingPathComponent("layout")
        try FileManager.default.createDirectory(at: layout.appendingPathComponent("blobs/sha256"), withIntermediateDirectories: true)
        func blob(_ bytes: [UInt8]) throws -> String {
            let digest = Digest.of(bytes)
            try Data(bytes).write(to: layout.appendingPathComponent("blobs/sha256/" + digest.hex))
            return digest.description
        }
        // Zstandard's magic number and an empty frame: the bytes do not matter, the media type does.
        let layer: [UInt8] = [0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x00, 0x01, 0x00, 0x00]
        let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:0000000000000000000000000000000000000000000000000000000000000000"]},"history":[{"created_by":"COPY . /"}]}"#.utf8)
        let manifest = Array("""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(try blob(config))","size":\(config.count)},\
            "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"\(try blob(layer))","size":\(layer.count)}]}
            """.utf8)
        let index = """
            {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\(try blob(manifest))","size":\(manifest.count)}]}
            """
        try index.write(to: layout.appendingPathComponent("index.json"), atomically: true, encoding: .utf8)
        try #"{"imageLayoutVersion":"1.0.0"}"#.write(to: layout.appendingPathComponent("oci-layout"), atomically: true, encoding: .utf8)
        var terminal = Terminal.captured
        let status = StrataCLI.run(["--store", root.appendingPathComponent("store").path, "audit", layout.path], environment: [:], terminal: &terminal)
        #expect(status == 1)
        #expect(terminal.errors.contains("zstd layers are not supported yet"), "\(terminal.errors)")
    }
}
