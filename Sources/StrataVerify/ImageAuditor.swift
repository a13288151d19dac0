import StrataArchive
import StrataSupport

/// Audits an image for declared secrets (in every encoding) and credential-like content:
/// every layer's entries (names, link targets, xattrs, contents, gzip and zip files inside),
/// the config and the history.
///
/// A layer is streamed entry by entry and each file in chunks, so memory stays bounded by
/// `limits` whatever the image size. Findings never carry secret bytes.
public struct ImageAuditor: Sendable {
    /// The declared secrets; the scanners are built from them once, at `init`.
    public let secrets: [SecretSpec]
    public var limits: AuditLimits
    let secretScanner: SecretScanner
    let detectorScanner: DetectorScanner
    /// Both, over the same chunks.
    let contentScanner: ContentScanner
    /// How much of a file is read at a time: small enough that the chunk stays in a core's
    /// L2 cache while the three scanning kernels each read it.
    static let chunkSize = 256 << 10
    var redactor: Redactor { Redactor(scanner: contentScanner) }

    public init(secrets: [SecretSpec], detectors: [Detector] = Detector.builtIn, limits: AuditLimits = AuditLimits()) {
        self.secrets = secrets
        self.limits = limits
        secretScanner = SecretScanner(secrets: secrets)
        detectorScanner = DetectorScanner(detectors: detectors)
        contentScanner = ContentScanner(secrets: secretScanner, detectors: detectorScanner)
    }

    /// Audits `image`, naming it `name` in the report.
    ///
    /// `origins` lets a caller that built the image name the Dockerfile line, instruction
    /// and stage behind each layer (by layer index); layers it leaves out are described by
    /// their history `created_by`. With a `cache` and the layers' digests, a layer already
    /// audited (a base image's, every layer of a cached rebuild) is not read again; the report
    /// is the same as without the cache.
    public func audit(
        _ image: some AuditableImage, name: String, origins: [Int: Origin] = [:],
        layerDigests: [Digest] = [], cache: LayerAuditCache? = nil
    ) throws -> AuditReport {
        var collector = FindingCollector(limit: limits.maxFindings)
        let config = try ImageConfigView(parsing: image.configJSON, limits: limits)
        // Layers the config names but the image does not hand over would go unscanned.
        guard config.diffIDs.isEmpty || config.diffIDs.count == image.layerCount else {
            throw VerifyError.badConfig("rootfs.diff_ids lists \(config.diffIDs.count) layers but the image has \(image.layerCount)")
        }
        scanConfig(config, into: &collector)
        let origins = layerOrigins(config).merging(origins) { _, given in given }
        var changes: [LayerChanges] = []
        let kept = cache.flatMap { KeptLayerAudits(cache: $0, fingerprint: layerCacheFingerprint, digests: layerDigests, count: image.layerCount) }
        for result in try scanLayers(image, origins: origins, kept: kept) {
            changes.append(result.changes)
            collector.merge(result.findings)
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

    /// For each layer, where it came from: the history entry with `empty_layer` unset at the
    /// same position among non-empty entries.
    func layerOrigins(_ config: ImageConfigView) -> [Int: Origin] {
        var origins: [Int: Origin] = [:]
        var layer = 0
        for (index, entry) in config.history.enumerated() where !entry.emptyLayer {
            origins[layer] = Origin(createdBy: redactor.redact(entry.createdBy ?? ""), history: index)
            layer += 1
        }
        return origins
    }

    /// Scans a blob that is not a layer: a build log, a cache record, a provenance
    /// attestation. Findings are placed at `place` with `path` naming the blob.
    public func scan(_ bytes: [UInt8], place: Finding.Place, path: String? = nil, origin: Origin? = nil) -> [Finding] {
        let scan = ContentScan.scan(bytes, scanner: contentScanner)
        let template = Finding(
            secret: "", severity: .leak, place: place, path: path.map { redactor.redact($0) }, encoding: "raw", length: 0,
            introducedBy: origin)
        var collector = FindingCollector(limit: limits.maxFindings)
        collector.add(findings(from: scan, at: template, rawPath: path))
        return collector.findings.map(\.finding)
    }

    /// Replaces every occurrence of a secret (in any encoding) or detected credential in
    /// `text` with `[redacted:ID]`, for showing build output or commands to people.
    public func redact(_ text: String) -> String { redactor.redact(text) }

    /// Turns a scan's first hits into findings at one place, ordered by where each first
    /// ends: when two hits give the same finding (base64 at two alignments), the earlier one's
    /// offset is kept, however the stream was chunked.
    func findings(from scan: ContentScan, at template: Finding, rawPath: String?) -> [CollectedFinding] {
        let order = scan.order.enumerated().sorted { a, b in
            let ea = scan.first[a.element].map { $0.0 + $0.1 } ?? 0
            let eb = scan.first[b.element].map { $0.0 + $0.1 } ?? 0
            return ea != eb ? ea < eb : a.offset < b.offset
        }.map(\.element)
        return order.compactMap { hit in
            guard let (offset, length) = scan.first[hit] else { return nil }
            var finding = template
            finding.offset = offset
            switch hit {
            case .secret(let index):
                let pattern = secretScanner.patterns[index]
                finding.secret = pattern.secretID
                finding.severity = pattern.isDerived ? .exposure : .leak
                finding.encoding = template.encoding == "raw" ? pattern.encoding : template.encoding + "+" + pattern.encoding
                finding.length = pattern.secretLength
            case .detector(let index):
                finding.secret = detectorScanner.detectors[index].id
                finding.severity = .exposure
                finding.length = length
            }
            return CollectedFinding(finding: finding, rawPath: rawPath)
        }
    }
}
