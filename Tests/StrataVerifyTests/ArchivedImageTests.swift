import Foundation
import StrataArchive
import StrataSupport
import Testing

@testable import StrataVerify

/// Images audited where they lie: docker-archives, OCI layout tars and directories, with
/// BuildKit's attestation manifests, and layers Strata cannot read yet.
@Suite struct ArchivedImageTests {
    static let secret = SecretSpec(id: "tok", text: "archived-secret-7f3a9c2e11")

    /// A two-layer image whose second layer holds the secret, gzip and plain.
    static func fixture() throws -> InMemoryImage {
        var fixture = ImageFixture()
        try fixture.layer("ADD base / # buildkit", [.file("etc/os-release", "ID=test\n")])
        try fixture.layer("RUN write # buildkit", gzip: false, [.file("app/config", "key=" + "archived-secret-7f3a9c2e11" + "\n")])
        return try fixture.image()
    }

    static func write(_ entries: [(String, [UInt8])], to url: URL) throws {
        var writer = TarWriter()
        for (path, bytes) in entries { writer.append(TarHeader(path: path, kind: .file), contents: bytes) }
        try Data(writer.finish()).write(to: url)
    }

    static func json(_ object: Any) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func descriptor(_ mediaType: String, _ bytes: [UInt8], annotations: [String: String]? = nil, platform: [String: String]? = nil) -> [String: Any] {
        var out: [String: Any] = ["mediaType": mediaType, "digest": Digest.of(bytes).description, "size": bytes.count]
        if let annotations { out["annotations"] = annotations }
        if let platform { out["platform"] = platform }
        return out
    }

    static func temporary() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-archived-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The OCI layout BuildKit writes with `--provenance` (`docker buildx build
    /// --output type=oci`): index.json → an image index holding the linux/amd64 manifest and an
    /// attestation manifest (platform unknown/unknown, `vnd.docker.reference.type:
    /// attestation-manifest`, `vnd.docker.reference.digest` naming the image manifest) whose
    /// one layer is the in-toto statement (`application/vnd.in-toto+json`, annotated with
    /// `in-toto.io/predicate-type`). `docker buildx` is not installed here, so the layout is
    /// constructed the way BuildKit lays it out rather than recorded from it.
    static func buildKitLayout(image: InMemoryImage, statement: [UInt8], layerType: String? = nil) throws -> [(String, [UInt8])] {
        var blobs: [(String, [UInt8])] = []
        func blob(_ bytes: [UInt8]) { blobs.append(("blobs/sha256/" + Digest.of(bytes).hex, bytes)) }
        image.layers.forEach(blob)
        blob(image.configJSON)
        let layers = image.layers.map { layer in
            descriptor(layerType ?? (layer.starts(with: [0x1f, 0x8b]) ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar"), layer)
        }
        let manifest = try json([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": descriptor("application/vnd.oci.image.config.v1+json", image.configJSON), "layers": layers,
        ])
        blob(manifest)
        blob(statement)
        let emptyConfig = Array("{}".utf8)
        blob(emptyConfig)
        let attestation = try json([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": descriptor("application/vnd.oci.image.config.v1+json", emptyConfig),
            "layers": [descriptor("application/vnd.in-toto+json", statement, annotations: ["in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2"])],
        ])
        blob(attestation)
        let nested = try json([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [
                descriptor("application/vnd.oci.image.manifest.v1+json", manifest, platform: ["architecture": "amd64", "os": "linux"]),
                descriptor(
                    "application/vnd.oci.image.manifest.v1+json", attestation,
                    annotations: ["vnd.docker.reference.digest": Digest.of(manifest).description, "vnd.docker.reference.type": "attestation-manifest"],
                    platform: ["architecture": "unknown", "os": "unknown"]),
            ],
        ])
        blob(nested)
        let index = try json([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [descriptor("application/vnd.oci.image.index.v1+json", nested, annotations: ["org.opencontainers.image.ref.name": "latest"])],
        ])
        return [("oci-layout", Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8)), ("index.json", index)] + blobs
    }

    @Test func dockerArchiveIsAuditedInPlaceWithTheSameFindings() throws {
        let image = try Self.fixture()
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("image.tar")
        let manifest = try Self.json([["Config": "config.json", "RepoTags": ["t:latest"], "Layers": ["l0/layer.tar", "l1/layer.tar"]]])
        try Self.write([("manifest.json", manifest), ("config.json", image.configJSON), ("l0/layer.tar", image.layers[0]), ("l1/layer.tar", image.layers[1])], to: archive)
        let auditor = ImageAuditor(secrets: [Self.secret])
        let archived = try ArchivedImage(path: archive.path)
        #expect(archived.layerCount == 2)
        #expect(archived.attestations.isEmpty)
        let inPlace = try auditor.audit(archived, name: "x")
        #expect(inPlace.findings == (try auditor.audit(image, name: "x")).findings)
        #expect(inPlace.findings.contains { $0.secret == "tok" && $0.layer == 1 && $0.path == "app/config" })
    }

    /// `docker save` stores a layer shared by two images once and links the second copy to it.
    @Test func layerLinkedToAnotherImagesCopyIsFollowed() throws {
        let image = try Self.fixture()
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("linked.tar")
        var writer = TarWriter()
        let manifest = try Self.json([["Config": "config.json", "Layers": ["a/layer.tar", "b/layer.tar"]]])
        for (path, bytes) in [("manifest.json", manifest), ("config.json", image.configJSON), ("c/layer.tar", image.layers[1]), ("a/layer.tar", image.layers[0])] {
            writer.append(TarHeader(path: path, kind: .file), contents: bytes)
        }
        writer.append(TarHeader(path: "b/layer.tar", kind: .symlink, linkTarget: "../c/layer.tar"))
        try Data(writer.finish()).write(to: archive)
        let auditor = ImageAuditor(secrets: [Self.secret])
        let report = try auditor.audit(try ArchivedImage(path: archive.path), name: "x")
        #expect(report.findings == (try auditor.audit(image, name: "x")).findings)
    }

    @Test(arguments: [false, true])
    func buildKitAttestationIsReadFromAnOCILayout(asDirectory: Bool) throws {
        let image = try Self.fixture()
        let statement = try Self.json([
            "_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://slsa.dev/provenance/v0.2",
            "predicate": ["invocation": ["parameters": ["args": ["build-arg:TOKEN": "archived-secret-7f3a9c2e11"]]]],
        ])
        let entries = try Self.buildKitLayout(image: image, statement: statement)
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path: String
        if asDirectory {
            for (name, bytes) in entries {
                let url = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            path = directory.path
        } else {
            path = directory.appendingPathComponent("oci.tar").path
            try Self.write(entries, to: URL(fileURLWithPath: path))
        }
        let archived = try ArchivedImage(path: path)
        #expect(archived.layerCount == 2)
        #expect(archived.attestations.map(\.predicateType) == ["https://slsa.dev/provenance/v0.2"])
        #expect(archived.attestations.first?.statement == statement)
        let auditor = ImageAuditor(secrets: [Self.secret])
        let report = try auditor.audit(archived, name: path)
        #expect(report.findings.contains { $0.layer == 1 && $0.secret == "tok" })
        let provenance = auditor.scan(statement, place: .provenance, path: "slsa-provenance")
        #expect(provenance.map(\.secret) == ["tok"])
        #expect(provenance.first?.place == .provenance)
    }

    @Test func zstdLayersAreAClearError() throws {
        let image = try Self.fixture()
        let entries = try Self.buildKitLayout(image: image, statement: Array("{}".utf8), layerType: "application/vnd.oci.image.layer.v1.tar+zstd")
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("oci.tar").path
        try Self.write(entries, to: URL(fileURLWithPath: path))
        let archived = try ArchivedImage(path: path)
        #expect(throws: VerifyError.unsupportedLayer(0, "application/vnd.oci.image.layer.v1.tar+zstd")) {
            try ImageAuditor(secrets: [Self.secret]).audit(archived, name: path)
        }
        #expect(VerifyError.unsupportedLayer(0, "application/vnd.oci.image.layer.v1.tar+zstd").description.contains("zstd layers are not supported yet"))
    }

    @Test(arguments: [
        ("manifest.json", "not json"),
        ("index.json", #"{"schemaVersion":2,"manifests":[]}"#),
    ])
    func brokenArchivesAreErrors(name: String, content: String) throws {
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.tar").path
        try Self.write([(name, Array(content.utf8))], to: URL(fileURLWithPath: path))
        #expect(throws: VerifyError.self) { try ArchivedImage(path: path) }
    }

    @Test func truncatedArchiveIsAnError() throws {
        let image = try Self.fixture()
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cut.tar").path
        let manifest = try Self.json([["Config": "config.json", "Layers": ["l0/layer.tar"]]])
        try Self.write([("manifest.json", manifest), ("config.json", image.configJSON), ("l0/layer.tar", image.layers[0])], to: URL(fileURLWithPath: path))
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try ArchivedImage(path: path) }
    }
}
