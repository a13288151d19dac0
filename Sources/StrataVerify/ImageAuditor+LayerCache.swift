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
        guard let executable = Self.executableIdentity else { return nil }
        text += executable
        return Digest.of(text: text).hex
    }

    /// The running executable's path, size and mtime, read once per process: the code that
    /// runs cannot change while it runs, even if the file is replaced.
    static let executableIdentity: String? = {
        guard let executable = Bundle.main.executablePath,
            let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "\(executable)\t\(size)\t\(modified.timeIntervalSince1970)\n"
    }()
}

/// The layer cache bound to one audit: which key each layer's result is kept under.
struct KeptLayerAudits: Sendable {
    let cache: LayerAuditCache
    let keys: [String]
    let digests: [Digest]

    /// Nil when nothing may be kept (declared secrets) or the digests do not match the layers.
    init?(cache: LayerAuditCache, fingerprint: String?, digests: [Digest], count: Int) {
        guard let fingerprint, digests.count == count else { return nil }
        self.cache = cache
        self.digests = digests
        keys = digests.map { "\(fingerprint)-\($0.hex)" }
    }

    /// A kept layer's findings, re-stamped with this image's layer index and origin (whether a
    /// later layer removes them is worked out afresh by the caller).
    func load(_ layer: Int, origin: Origin?) -> ImageAuditor.LayerScan? {
        guard let bytes = cache.load(keys[layer]), let kept = try? StableJSON.decode(KeptLayerAudit.self, from: Data(bytes)) else {
            return nil
        }
        var findings = FindingCollector(limit: Int.max)
        findings.add(kept.findings.map { item in
            var finding = item.finding
            finding.layer = layer
            finding.introducedBy = origin
            return CollectedFinding(finding: finding, rawPath: item.rawPath)
        })
        return ImageAuditor.LayerScan(findings: findings, changes: kept.changes)
    }

    /// Keeps a fresh scan, unless it overflowed the findings limit (then it is incomplete).
    func save(_ layer: Int, _ scan: ImageAuditor.LayerScan) {
        guard !scan.findings.overflowed else { return }
        let kept = KeptLayerAudit(
            findings: scan.findings.findings.map { KeptLayerAudit.Item(finding: $0.finding, rawPath: $0.rawPath) },
            changes: scan.changes)
        if let bytes = try? StableJSON.encode(kept) { cache.save(keys[layer], digests[layer], [UInt8](bytes)) }
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
