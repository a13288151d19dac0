import Foundation
import StrataExport
import StrataOCI
import StrataStore
import StrataVerify

extension Engine {
    /// `strata audit`: checks an image in the store, or a docker-archive, OCI layout tar or OCI
    /// layout directory made by anything, for the declared secrets (raw and encoded) and built-in
    /// credential detectors.
    ///
    /// An archive is loaded into a private, temporary store first and audited from there.
    public func audit(_ target: String, secrets: [SecretSource], environment: [String: String]) throws -> AuditReport {
        let specs = try secrets.map { source in
            SecretSpec(id: source.id, value: try source.resolve(environment: environment, currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        }
        let auditor = ImageAuditor(secrets: specs)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue && !FileManager.default.fileExists(atPath: target + "/oci-layout") {
                throw AuditError.unsupportedTarget(target)
            }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-audit-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let temporary = try ContentStore(root: scratch)
            let loader = ImageLoader(store: temporary)
            let url = URL(fileURLWithPath: target)
            let loaded = isDirectory.boolValue ? try loader.load(layoutDirectory: url) : try loader.load(archive: url)
            guard let image = loaded.first else { throw AuditError.emptyArchive(target) }
            let manifest = try temporary.manifest(image.manifest)
            let auditable = StoredAuditableImage(store: temporary, manifest: manifest, configJSON: try temporary.get(image.config))
            return try auditor.audit(auditable, name: target)
        }
        let stored = try image(target)
        let auditable = StoredAuditableImage(store: store, manifest: stored.manifest, configJSON: try store.get(stored.record.config))
        let report = try auditor.audit(auditable, name: target)
        // An attached provenance attestation is one more place a build argument can leak.
        guard let statement = try provenanceStatement(forConfig: stored.id) else { return report }
        var combined = AuditReport(image: report.image, findings: report.findings + auditor.scan(statement, place: .provenance, path: "slsa-provenance"))
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
