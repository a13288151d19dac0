import Foundation
import StrataArchive
import StrataFS
import StrataFrontend
import StrataLLB
import StrataSolver
import StrataStore
import StrataSupport
import StrataVerify

/// What stays on the builder rather than in the image: layers of stages the final image does not
/// ship, and cache mounts. A secret there is an `exposure` — anyone with access to the builder
/// or its cache can read it, and a later `COPY --from` can carry it into an image.
struct BuilderAudit {
    let store: ContentStore
    let auditor: ImageAuditor
    let converted: ConvertedBuild
    let cache: LayerAuditCache

    /// Findings in each non-target stage's layers that are not part of the final image.
    func stageFindings(results: [Digest: SolvedState], finalLayers: Set<Digest>) throws -> [(stage: StageSummary, findings: [Finding])] {
        var out: [(StageSummary, [Finding])] = []
        for stage in converted.stages where stage.reachable && stage.index != converted.targetStage {
            guard let root = stage.root, let state = results[root] else { continue }
            let layers = state.layers.enumerated().filter { !finalLayers.contains($0.element.diffID) }
            guard !layers.isEmpty else {
                out.append((stage, []))
                continue
            }
            let image = LayerBlobImage(store: store, layers: layers.map(\.element))
            let report = try auditor.audit(image, name: stage.displayName, layerDigests: image.layers.map(\.digest), cache: cache)
            let findings = report.findings.map { finding -> Finding in
                var exposed = finding
                exposed.severity = .exposure
                if let index = finding.layer { exposed.layer = layers[index].offset }
                exposed.introducedBy = Origin(instruction: layers[finding.layer ?? 0].element.createdBy, stage: stage.displayName)
                return exposed
            }
            out.append((stage, findings))
        }
        return out
    }

    /// Findings in the cache mounts the build used.
    func cacheMountFindings(executor: BuildExecutor) throws -> [Finding] {
        var ids: [String] = []
        for vertex in converted.targetClosure {
            guard case .exec(let exec) = vertex.op else { continue }
            for mount in exec.mounts { if case .cache(let id, _, _, _, _, _) = mount.kind, !ids.contains(id) { ids.append(id) } }
        }
        var findings: [Finding] = []
        for id in ids {
            guard let blob = try executor.cacheMountBlob(id: id) else { continue }
            let layer = LayerBlob(digest: blob, diffID: blob, size: (try? store.size(of: blob)) ?? 0, mediaType: LayerBlob.uncompressedMediaType)
            let report = try auditor.audit(LayerBlobImage(store: store, layers: [layer]), name: "cache mount \(id)")
            for finding in report.findings {
                var exposed = finding
                exposed.severity = .exposure
                exposed.place = .cache
                exposed.layer = nil
                exposed.field = id
                findings.append(exposed)
            }
        }
        return findings
    }
}

/// Layer blobs in the store as an auditable image with an empty config.
struct LayerBlobImage: AuditableImage {
    let store: ContentStore
    let layers: [LayerBlob]

    var configJSON: [UInt8] { Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#.utf8) }
    var layerCount: Int { layers.count }

    /// The blob, checked against its digest as it is read: the store does not fsync a build's
    /// layers, and a torn one (zeros read as an empty tar) must fail the audit rather than pass
    /// it. `finishLayer` reads what the tar reader left, so the check always runs.
    func openLayer(_ index: Int) throws -> any ByteSource {
        try store.openBlob(layers[index].digest)
    }

    func finishLayer(_ source: any ByteSource) throws {
        try (source as? BlobReader)?.finish()
    }
}

/// What `strata audit --stages` shows for an image Strata built, kept in the store beside it.
public struct StageReport: Codable, Sendable {
    public struct Stage: Codable, Sendable {
        public var index: Int
        public var name: String
        public var inFinalImage: Bool
        public var mountedSecrets: [String]
        /// Secrets whose bytes (or derived values) are in this stage's own layers.
        public var secretsInLayers: [String]
        /// Stages this one reads files from (FROM, COPY --from, RUN --mount from=).
        public var readsFrom: [String]
    }

    public var image: String
    public var stages: [Stage]

    /// For people: one paragraph per stage, and which edges carry secrets toward the image.
    public func renderText() -> String {
        var lines = ["\(image): \(stages.count) stage\(stages.count == 1 ? "" : "s")"]
        let tainted = Set(stages.filter { !$0.secretsInLayers.isEmpty }.map(\.name))
        for stage in stages {
            var line = "  \(stage.name)\(stage.inFinalImage ? " (final image)" : "")"
            line += stage.mountedSecrets.isEmpty ? ": mounts no secrets" : ": mounts \(stage.mountedSecrets.map { "\"\($0)\"" }.joined(separator: ", "))"
            line += stage.secretsInLayers.isEmpty ? "; its layers hold no secret bytes" : "; its layers hold bytes of \(stage.secretsInLayers.map { "\"\($0)\"" }.joined(separator: ", "))"
            lines.append(line)
            for source in stage.readsFrom where tainted.contains(source) {
                lines.append("    reads from \(source), whose layers hold secret bytes: check what it copies")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
