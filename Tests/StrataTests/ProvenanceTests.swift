import Foundation
import Strata
import StrataVerify
import Testing

/// BuildKit's provenance attestations record build arguments in mode=max, not in mode=min:
/// one more place a secret passed the wrong way ends up.
@Suite struct ProvenanceTests {
    func build(_ engine: Engine, root: URL, mode: ProvenanceMode) throws -> BuildOutcome {
        let context = try makeContext(in: root, dockerfile: "FROM busybox\nARG TOKEN\nRUN echo built > /built\n")
        var request = BuildRequest(contextDirectory: context, tags: ["prov:\(mode.rawValue)"], buildArgs: ["TOKEN": "hunter2-build-arg-value"])
        request.sensitiveArgs = ["TOKEN"]
        request.provenance = mode
        return try engine.build(request)
    }

    func provenanceFindings(_ report: AuditReport) -> [Finding] {
        var found: [Finding] = []
        for finding in report.findings where finding.place == .provenance { found.append(finding) }
        return found
    }

    @Test func maxModeRecordsBuildArgumentsAndTheAuditFindsThem() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root: root, mode: .max)
            var findings: [Finding] = []
            for finding in provenanceFindings(outcome.report) where finding.secret == "build-arg:TOKEN" { findings.append(finding) }
            #expect(findings.count == 1)
            #expect(findings.first?.severity == .leak)
            // A later audit of the stored image sees the attestation too.
            let again = try engine.audit("prov:max", secrets: [SecretSource(id: "token", environmentVariable: "T")], environment: ["T": "hunter2-build-arg-value"])
            #expect(provenanceFindings(again).map(\.secret).contains("token"))
        }
    }

    @Test func minModeLeavesBuildArgumentsOut() throws {
        try withEngine { engine, root in
            let outcome = try build(engine, root: root, mode: .min)
            #expect(provenanceFindings(outcome.report).isEmpty)
        }
    }

    @Test func ociExportAttachesTheAttestationAsBuildKitDoes() throws {
        try withEngine { engine, root in
            _ = try build(engine, root: root, mode: .max)
            let archive = root.appendingPathComponent("prov.tar")
            try engine.save(["prov:max"], format: .oci, to: archive)
            let layout = root.appendingPathComponent("layout")
            try FileManager.default.createDirectory(at: layout, withIntermediateDirectories: true)
            _ = try run("tar", ["-xf", archive.path, "-C", layout.path])
            let index = try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("index.json"))) as? [String: Any]
            let top = try #require((index?["manifests"] as? [[String: Any]])?.first)
            #expect(top["mediaType"] as? String == "application/vnd.oci.image.index.v1+json")
            let nestedDigest = try #require((top["digest"] as? String)?.split(separator: ":").last)
            let nested = try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("blobs/sha256/\(nestedDigest)"))) as? [String: Any]
            let manifests = try #require(nested?["manifests"] as? [[String: Any]])
            #expect(manifests.count == 2)
            let attestation = manifests[1]
            #expect((attestation["annotations"] as? [String: String])?["vnd.docker.reference.type"] == "attestation-manifest")
            #expect((attestation["platform"] as? [String: String])?["os"] == "unknown")
            // The unpacked layout directory can be audited as it is, its attestation included.
            let report = try engine.audit(layout.path, secrets: [SecretSource(id: "token", environmentVariable: "T")], environment: ["T": "hunter2-build-arg-value"])
            var places: Set<Finding.Place> = []
            for finding in report.findings where finding.secret == "token" { places.insert(finding.place) }
            #expect(places == [.history, .provenance])
            if let result = try run("skopeo", ["inspect", "oci-archive:" + archive.path]) {
                #expect(result.status == 0, "skopeo: \(result.output)")
            }
        }
    }
}
