import Foundation
import StrataSupport
import StrataVerify

extension Engine {
    /// The audit of the image a build produced (its layers, config and history; the build's
    /// own places are added by the caller).
    ///
    /// Without declared secrets the report depends only on the image's bytes and the auditor
    /// (`ImageAuditor.layerCacheFingerprint`), so it is kept under the manifest's digest: a
    /// rebuild that gives the same image, in this process or a later one, reads it back instead
    /// of opening every layer again. With declared secrets nothing is kept (nothing derived from
    /// a secret value reaches the disk), and layers audited before are still skipped when no
    /// secret is declared: see `ImageAuditor.audit(_:name:origins:layerDigests:cache:)`.
    func auditBuiltImage(_ exported: ExportedImage, auditor: ImageAuditor, name: String) throws -> AuditReport {
        let record = auditor.layerCacheFingerprint.map { "audit-image-\($0)-\(exported.manifestDigest.hex)" }
        if let record, let data = try? store.readRecord(record), var kept = try? StableJSON.decode(AuditReport.self, from: data) {
            kept.image = name
            return kept
        }
        let report = try auditor.audit(
            StoredAuditableImage(store: store, manifest: exported.manifest, configJSON: exported.configJSON),
            name: name, layerDigests: exported.manifest.layers.map(\.digest), cache: layerAudits.cache(in: store))
        if let record, let data = try? StableJSON.encode(report) {
            try? store.writeRecord(record, data, durable: false)
        }
        return report
    }
}
