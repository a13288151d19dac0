import Foundation
import StrataFrontend
import StrataLLB
import StrataOCI
import StrataStore
import StrataSupport

/// SLSA provenance as BuildKit writes it (`--provenance=mode=min|max`): an in-toto statement
/// with the SLSA v0.2 predicate, attached to the image as an attestation manifest.
///
/// `mode=min` records the frontend, the locals and the platform. `mode=max` also records the
/// build arguments, the ids of the secrets (never their values), the Dockerfile itself and the
/// build graph. This is why provenance is one more place where a secret can leak: a value
/// passed as a build argument, or written into the Dockerfile, ends up there.
public enum ProvenanceMode: String, Sendable, CaseIterable {
    case min, max

    /// docker's spellings: `true`, `min`, `mode=min`, `max`, `mode=max`; nil for `false`.
    public init?(flag: String) {
        switch flag.lowercased() {
        case "true", "1", "min", "mode=min": self = .min
        case "max", "mode=max": self = .max
        default: return nil
        }
    }
}

enum ProvenanceStatement {
    static let predicateType = "https://slsa.dev/provenance/v0.2"
    static let mediaType = "application/vnd.in-toto+json"

    static func make(
        mode: ProvenanceMode, subject: (name: String, manifest: Digest), materials: [(uri: String, digest: Digest)],
        request: BuildRequest, dockerfile: (name: String, text: String), converted: ConvertedBuild, epoch: String
    ) -> [String: Any] {
        var parameters: [String: Any] = [
            "frontend": "dockerfile.v0",
            "locals": [["name": "context"], ["name": "dockerfile"]],
        ]
        var predicate: [String: Any] = [
            "builder": ["id": ""],
            "buildType": "https://mobyproject.org/buildkit@v1",
            "materials": materials.map { ["uri": $0.uri, "digest": ["sha256": $0.digest.hex]] },
        ]
        var metadata: [String: Any] = [
            "buildStartedOn": epoch, "buildFinishedOn": epoch,
            "completeness": ["parameters": mode == .max, "environment": true, "materials": false],
            "reproducible": false,
        ]
        if mode == .max {
            var args: [String: String] = [:]
            for (key, value) in request.buildArgs { args["build-arg:\(key)"] = value }
            if let target = request.target { args["target"] = target }
            parameters["args"] = args
            parameters["secrets"] = request.secrets.map { ["id": $0.id, "optional": false] }
            metadata["https://mobyproject.org/buildkit@v1#metadata"] = [
                "source": ["infos": [["filename": dockerfile.name, "language": "Dockerfile", "data": Data(dockerfile.text.utf8).base64EncodedString()]]]
            ]
            predicate["buildConfig"] = [
                "llbDefinition": converted.targetClosure.map { vertex in
                    ["id": vertex.id.description, "name": vertex.name, "inputs": vertex.inputs.map(\.description)] as [String: Any]
                }
            ]
        }
        predicate["invocation"] = [
            "configSource": ["entryPoint": dockerfile.name],
            "parameters": parameters,
            "environment": ["platform": "linux/amd64"],
        ]
        predicate["metadata"] = metadata
        return [
            "_type": "https://in-toto.io/Statement/v0.1",
            "predicateType": predicateType,
            "subject": [["name": subject.name, "digest": ["sha256": subject.manifest.hex]]],
            "predicate": predicate,
        ]
    }
}

extension Engine {
    /// Stores the statement and an attestation manifest for `image`, as BuildKit attaches it:
    /// a manifest for platform unknown/unknown whose one layer is the statement.
    func attachProvenance(_ statement: [String: Any], image: ExportedImage) throws {
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]))
        let statementDigest = try store.put(bytes)
        let layer = Descriptor(
            mediaType: ProvenanceStatement.mediaType, digest: statementDigest, size: bytes.count,
            annotations: ["in-toto.io/predicate-type": ProvenanceStatement.predicateType])
        let config = try store.putJSON(
            ImageConfig(architecture: "unknown", os: "unknown", config: ContainerConfig(), rootfs: RootFS(diffIDs: [statementDigest])),
            mediaType: MediaType.ociConfig)
        let manifest = try store.putJSON(ImageManifest(config: config, layers: [layer]), mediaType: MediaType.ociManifest)
        try store.writeRecord("attestation-\(image.id.hex)", Data(manifest.digest.description.utf8))
    }

    /// The attestation manifest of an image Strata built with `--provenance`, if any.
    func attestationManifest(forConfig config: Digest) throws -> Digest? {
        guard let data = try store.readRecord("attestation-\(config.hex)") else { return nil }
        return try Digest(parsing: String(decoding: data, as: UTF8.self))
    }

    /// The provenance statement's bytes for an image, if it has one.
    func provenanceStatement(forConfig config: Digest) throws -> [UInt8]? {
        guard let manifestDigest = try attestationManifest(forConfig: config) else { return nil }
        let manifest = try store.manifest(manifestDigest)
        guard let layer = manifest.layers.first else { return nil }
        return try store.get(layer.digest)
    }
}
