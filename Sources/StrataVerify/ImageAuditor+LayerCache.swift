import Foundation
import StrataArchive
import StrataSupport

/// Where `ImageAuditor` keeps what it found in each layer, so that a layer blob already audited
/// (a base image's layers, every layer of a cached rebuild) is not read and scanned again.
///
/// Entries are keyed by the layer's digest and a fingerprint of everything else the result
/// depends on (`ImageAuditor.layerCacheFingerprint`); the store only holds and returns bytes.
public struct LayerAuditCache: Sendable {
    public var load: @Sendable (_ key: String) -> [UInt8]?
    /// Keeps `bytes` under `key`; `layer` is the audited layer's digest, for a store that
    /// decides by the layer (its size) where to keep the result.
    public var save: @Sendable (_ key: String, _ layer: Digest, _ bytes: [UInt8]) -> Void

    public init(load: @escaping @Sendable (String) -> [UInt8]?, save: @escaping @Sendable (String, Digest, [UInt8]) -> Void) {
        self.load = load
        self.save = save
    }
}

extension ImageAuditor {
    /// What a layer's findings depend on besides its bytes, or nil when they must not be kept.
    ///
    /// With declared secrets there is no fingerprint: anything derived from the secret values
    /// and written to disk (even a digest of them) would let someone holding the store test
    /// guesses, so such audits always scan. Without secrets the findings depend on the built-in
    /// detectors, the limits, and the code that applies them, so the fingerprint covers the
    /// detectors' ids, rules and anchors, the limits, and the identity (size and mtime) of the
    /// running executable: a different Strata build never reuses another's results.
    public var layerCacheFingerprint: String? {
        guard secrets.isEmpty else { return nil }
        var text = "layer-audit-v1\n\(limits)\n"
        for detector in detectorScanner.detectors {
            text += "\(detector.id)\t\(detector.rule)\t\(detector.anchors.joined(separator: ","))\n"
        }
        guard let executable = Bundle.main.executablePath,
            let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        text += "\(executable)\t\(size)\t\(modified.timeIntervalSince1970)\n"
        return Digest.of(text: text).hex
    }

    /// `audit(_:name:origins:)`, reusing the findings of any layer `cache` holds for the same
    /// layer digest and fingerprint, and saving the others. The report is the same as without
    /// the cache: a kept layer's findings are re-stamped with this image's layer index and
    /// origin, and whether a later layer removes them is worked out afresh.
    public func audit(
        _ image: some AuditableImage, name: String, origins: [Int: Origin] = [:], layerDigests: [Digest], cache: LayerAuditCache
    ) throws -> AuditReport {
        guard let fingerprint = layerCacheFingerprint, layerDigests.count == image.layerCount else {
            return try audit(image, name: name, origins: origins)
        }
        var collector = FindingCollector(limit: limits.maxFindings)
        let config = try ImageConfigView(parsing: image.configJSON, limits: limits)
        guard config.diffIDs.isEmpty || config.diffIDs.count == image.layerCount else {
            throw VerifyError.badConfig("rootfs.diff_ids lists \(config.diffIDs.count) layers but the image has \(image.layerCount)")
        }
        scanConfig(config, into: &collector)
        let origins = layerOrigins(config).merging(origins) { _, given in given }
        var changes: [LayerChanges] = []
        for layer in 0..<image.layerCount {
            var layerFindings = FindingCollector(limit: limits.maxFindings)
            let key = "\(fingerprint)-\(layerDigests[layer].hex)"
            if let bytes = cache.load(key), let kept = try? StableJSON.decode(KeptLayerAudit.self, from: Data(bytes)) {
                layerFindings.add(kept.findings.map { item in
                    var finding = item.finding
                    finding.layer = layer
                    finding.introducedBy = origins[layer]
                    return CollectedFinding(finding: finding, rawPath: item.rawPath)
                })
                changes.append(kept.changes)
            } else {
                let change: LayerChanges
                do {
                    change = try scanLayer(image.openLayer(layer), index: layer, origin: origins[layer], into: &layerFindings)
                } catch let error as ArchiveError {
                    throw VerifyError.badLayer(layer, error)
                }
                changes.append(change)
                if !layerFindings.overflowed {
                    let kept = KeptLayerAudit(
                        findings: layerFindings.findings.map { KeptLayerAudit.Item(finding: $0.finding, rawPath: $0.rawPath) },
                        changes: change)
                    if let bytes = try? StableJSON.encode(kept) { cache.save(key, layerDigests[layer], [UInt8](bytes)) }
                }
            }
            collector.merge(layerFindings)
        }
        var findings = collector.findings
        for i in findings.indices where findings[i].finding.place == .layer {
            guard let layer = findings[i].finding.layer, let path = findings[i].rawPath else { continue }
            findings[i].finding.removedLater = changes[(layer + 1)...].contains { $0.hides(path) }
        }
        var report = AuditReport(image: name, findings: findings.map(\.finding))
        if collector.overflowed { report.truncated = true }
        return report
    }
}

/// One layer's audit as kept: its findings (with the raw paths whiteout tracking needs) and
/// what it does to lower layers' paths.
struct KeptLayerAudit: Codable {
    struct Item: Codable {
        var finding: Finding
        var rawPath: String?
    }

    var findings: [Item]
    var changes: LayerChanges
}

extension LayerChanges: Codable {
    enum CodingKeys: String, CodingKey { case written, deleted, opaque, nonDirectories }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        written = try container.decode(Set<String>.self, forKey: .written)
        deleted = try container.decode(Set<String>.self, forKey: .deleted)
        opaque = try container.decode(Set<String>.self, forKey: .opaque)
        nonDirectories = try container.decode(Set<String>.self, forKey: .nonDirectories)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(written.sorted(), forKey: .written)
        try container.encode(deleted.sorted(), forKey: .deleted)
        try container.encode(opaque.sorted(), forKey: .opaque)
        try container.encode(nonDirectories.sorted(), forKey: .nonDirectories)
    }
}
