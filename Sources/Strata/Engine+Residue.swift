import Foundation
import StrataSupport
import StrataVerify

extension Engine {
    /// Keeps the mount residue of a build beside its image: only the build knows which
    /// `RUN --mount` made which empty entry, and `strata audit` of the stored image reports it.
    func saveMountResidue(_ findings: [Finding], image: Digest) throws {
        // No residue is what a missing record says: most builds create no file (a durable,
        // fsynced one) for it. An earlier build of the same image by other steps may have left
        // one, which no longer applies.
        if findings.isEmpty { return try store.removeRecord("residue-\(image.hex)") }
        // A rebuild of the same image finds the same record: leave it (and skip the fsync).
        let data = try StableJSON.encode(findings)
        if (try? store.readRecord("residue-\(image.hex)")) == data { return }
        try store.writeRecord("residue-\(image.hex)", data)
    }

    /// The mount residue recorded when Strata built `reference` (an image in the store);
    /// empty for images Strata did not build, and for paths to archives.
    public func mountResidue(_ reference: String) throws -> [Finding] {
        guard !FileManager.default.fileExists(atPath: reference), let stored = try? image(reference) else { return [] }
        guard let data = try store.readRecord("residue-\(stored.id.hex)") else { return [] }
        return try StableJSON.decode([Finding].self, from: data)
    }
}

extension AuditReport {
    /// This report with informational findings added; they change neither `clean` nor the
    /// exit status.
    public func adding(_ more: [Finding]) -> AuditReport {
        guard !more.isEmpty else { return self }
        var combined = AuditReport(image: image, findings: findings + more)
        combined.truncated = truncated
        return combined
    }
}
