import StrataFrontend
import StrataShell
import StrataSolver
import StrataVerify

/// Adds what only Strata's own builds know to the byte-level audit: secrets that reached step
/// output (the log is redacted, but the builder saw them), and files the executor's byte
/// provenance marks as derived from a secret through transformations no scanner can see.
struct BuildAuditAugmenter {
    let converted: ConvertedBuild
    let result: SolvedState
    let logExposures: [(vertex: String, secret: String)]
    /// Exposures found on the builder: stages the image does not ship, cache mounts.
    var builderFindings: [Finding] = []

    func augment(_ report: AuditReport) -> AuditReport {
        var findings = report.findings.map(locate) + builderFindings
        for (vertex, secret) in logExposures {
            let step = converted.steps.values.first { vertex.hasSuffix($0.instruction) || vertex.contains($0.instruction) }
            findings.append(Finding(
                secret: secret, severity: .exposure, place: .log, encoding: "raw", length: 0,
                introducedBy: Origin(line: step?.line, instruction: step?.instruction, stage: step?.stageName)))
        }
        let scanned = Set(findings.compactMap { $0.path.map { "/" + $0 } })
        for (path, provenance) in result.provenance.sorted(by: { $0.key < $1.key }) where !scanned.contains(path) {
            guard (try? result.snapshot.stat(path)) != nil else { continue }
            // Bytes that still carry the secret's content are a leak; a value computed from it
            // (a digest, a length) is an exposure: it reveals something, not the secret itself.
            let severity: Finding.Severity = provenance.transforms.contains(.hashed) ? .exposure : .leak
            for secret in provenance.secrets.sorted() {
                findings.append(Finding(
                    secret: secret, severity: severity, place: .layer, path: String(path.dropFirst()),
                    encoding: "provenance:" + (provenance.transforms.map(\.rawValue).joined(separator: ">").nilIfEmpty ?? "copied"),
                    length: 0))
            }
        }
        var augmented = AuditReport(image: report.image, findings: findings)
        augmented.truncated = report.truncated
        return augmented
    }

    /// Points a layer finding at the Dockerfile line whose step made that layer.
    private func locate(_ finding: Finding) -> Finding {
        guard finding.place == .layer, let index = finding.layer, index < result.layers.count,
            let name = result.layers[index].createdBy,
            let vertex = converted.definition.vertices.values.first(where: { $0.name == name }),
            let step = converted.steps[vertex.id]
        else { return finding }
        var located = finding
        located.introducedBy = Origin(line: step.line, instruction: step.instruction, stage: step.stageName.isEmpty ? nil : step.stageName, createdBy: finding.introducedBy?.createdBy)
        return located
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
