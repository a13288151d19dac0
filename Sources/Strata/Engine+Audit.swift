import Foundation
import StrataOCI
import StrataStore
import StrataVerify

extension Engine {
    /// `strata audit`: checks an image in the store, or a docker-archive, OCI layout tar or OCI
    /// layout directory made by anything, for the declared secrets (raw and encoded) and built-in
    /// credential detectors.
    ///
    /// An archive or layout is audited where it lies (`ArchivedImage`): its layers are read
    /// once, in place, never extracted to disk or copied into a store. Attestations attached
    /// to its image (BuildKit's `--provenance`) are audited as `place: provenance`, as those of
    /// Strata's own builds are.
    public func audit(_ target: String, secrets: [SecretSource], environment: [String: String]) throws -> AuditReport {
        let specs = try secrets.map { source in
            SecretSpec(id: source.id, value: try source.resolve(environment: environment, currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        }
        let auditor = ImageAuditor(secrets: specs)
        switch try imageTarget(target, limits: auditor.limits) {
        case .archive(let archived):
            let report = try auditor.audit(archived, name: target)
            let statements = archived.attestations.map { attestation in
                (attestation.statement, attestation.predicateType.contains("slsa.dev/provenance") ? "slsa-provenance" : attestation.predicateType)
            }
            return Engine.adding(statements, to: report, auditor: auditor)
        case .stored(let stored, let auditable):
            let report = try auditor.audit(auditable, name: target)
            // An attached provenance attestation is one more place a build argument can leak.
            guard let statement = try provenanceStatement(forConfig: stored.id) else { return report }
            return Engine.adding([(statement, "slsa-provenance")], to: report, auditor: auditor)
        }
    }

    /// What `audit` and `efficiency` read: a docker-archive, OCI layout tar or OCI layout
    /// directory where it lies, or else an image in the store.
    enum ImageTarget {
        case archive(ArchivedImage)
        case stored(StoredImage, StoredAuditableImage)
    }

    func imageTarget(_ target: String, limits: AuditLimits = AuditLimits()) throws -> ImageTarget {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue && !FileManager.default.fileExists(atPath: target + "/oci-layout") {
                throw AuditError.unsupportedTarget(target)
            }
            return .archive(try ArchivedImage(path: target, limits: limits))
        }
        let stored = try image(target)
        return .stored(stored, StoredAuditableImage(store: store, manifest: stored.manifest, configJSON: try store.get(stored.record.config)))
    }

    /// The report with the findings in attestation statements (bytes, name) added.
    static func adding(_ statements: [([UInt8], String)], to report: AuditReport, auditor: ImageAuditor) -> AuditReport {
        guard !statements.isEmpty else { return report }
        var findings = report.findings
        for (statement, name) in statements { findings += auditor.scan(statement, place: .provenance, path: name) }
        var combined = AuditReport(image: report.image, findings: findings)
        combined.truncated = report.truncated
        return combined
    }
}

public enum AuditError: Error, CustomStringConvertible {
    case unsupportedTarget(String)
    case emptyArchive(String)

    public var description: String {
        switch self {
        case .unsupportedTarget(let path): "\(path) is a directory without an oci-layout file: pass an image name, a docker-archive, an OCI layout tar or an OCI layout directory"
        case .emptyArchive(let path): "\(path) holds no image"
        }
    }
}
