import Foundation
import StrataSupport

extension AuditReport {
    /// `{"clean": …, "findings": […], "image": …}` with sorted keys, absent fields omitted.
    public func renderJSON(pretty: Bool = true) throws -> String {
        String(decoding: try StableJSON.encode(self, pretty: pretty), as: UTF8.self)
    }

    /// A report for people: a verdict line, then findings grouped by place. Offsets are left
    /// to the JSON and SARIF forms.
    ///
    /// `secret "tok" (22 bytes) found raw in layer 2 at app/token.txt (removed in a later
    /// layer) — created by: RUN …`
    public func renderText() -> String {
        var lines: [String] = []
        let residue = findings.filter { $0.severity == .info }
        if clean {
            lines.append("\(image): clean (no secrets or credentials found)")
        } else {
            let leaks = findings.filter { $0.severity == .leak }.count
            let exposures = findings.count - leaks - residue.count
            lines.append("\(image): \(leaks) leak\(leaks == 1 ? "" : "s"), \(exposures) exposure\(exposures == 1 ? "" : "s")")
            if truncated == true { lines.append("(more findings were dropped at the limit of \(findings.count))") }
            for place in Finding.Place.allCases {
                let group = findings.filter { $0.place == place && $0.severity != .info }
                guard !group.isEmpty else { continue }
                lines.append("")
                lines.append("\(place.rawValue):")
                for finding in group { lines.append("  " + AuditReport.sentence(for: finding)) }
            }
        }
        // Informational, so last and short: never a failure, but an empty /run/secrets tells
        // a reader of the image which mounts the build used.
        if !residue.isEmpty {
            lines.append("")
            lines.append("mount residue (informational, \(residue.count) entr\(residue.count == 1 ? "y" : "ies")):")
            for finding in residue { lines.append("  " + AuditReport.residueSentence(for: finding)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `layer 1: run/secrets (empty directory) left by --mount=type=secret,id=tok,… — Dockerfile line 2 (RUN …)`
    static func residueSentence(for f: Finding) -> String {
        var text = "layer \(f.layer.map(String.init) ?? "?"): \(printable(f.path ?? "?"))"
        text += f.encoding == "empty-file" ? " (empty file)" : " (empty directory)"
        if let mount = f.mount { text += " left by --mount=\(printable(mount.flag))" }
        if let origin = f.introducedBy {
            if let line = origin.line {
                text += " — Dockerfile line \(line)"
                if let instruction = origin.instruction { text += " (\(printable(instruction)))" }
                if let stage = origin.stage { text += " in stage \(printable(stage))" }
            } else if let createdBy = origin.createdBy, !createdBy.isEmpty {
                text += " — created by: \(printable(createdBy))"
            }
        }
        return text
    }

    /// Text from the image (paths, history lines) with control characters escaped, so that
    /// a hostile file name cannot rewrite the terminal showing the report.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func sentence(for f: Finding) -> String {
        let isDetector = Detector.builtIn.contains { $0.id == f.secret } || f.secret == "credential-file"
        let derived = f.encoding.split(separator: "+").last.map { SecretPattern.derivedEncodings.contains(String($0)) } ?? false
        let lengthText = f.length > 0 ? " (\(f.length) bytes)" : ""
        var text: String
        if isDetector {
            text = "possible credential [\(f.secret)]\(lengthText)\(f.encoding == "path" ? "" : " found \(f.encoding)")"
        } else if derived && f.severity == .exposure {
            text = "secret \"\(f.secret)\"\(lengthText): its digest found (\(f.encoding))"
        } else {
            text = "secret \"\(f.secret)\"\(lengthText) found \(f.encoding)"
        }
        switch f.place {
        case .cache:
            text += " in cache mount \(printable(f.field ?? "?"))"
            if let path = f.path { text += " at \(printable(path))" }
        case .layer:
            text += " in layer \(f.layer.map(String.init) ?? "?")"
            if let stage = f.introducedBy?.stage, f.severity == .exposure, f.encoding.hasPrefix("provenance") == false {
                text += " of stage \(printable(stage)) (not shipped in the image)"
            }
            if let path = f.path { text += " at \(printable(path))" }
            if let field = f.field, field == "path" || field == "linkTarget" { text += field == "path" ? " (in the name)" : " (in the link target)" }
            if f.encoding == "path", let field = f.field { text += " (\(field) file)" }
        case .history:
            text += " in history entry \(f.index.map(String.init) ?? "?")"
            if let field = f.field { text += " (\(field))" }
        case .config:
            text += " in config \(f.field ?? "")"
        case .log, .provenance, .file:
            text += " in \(f.place.rawValue)"
            if let path = f.path { text += " \(printable(path))" }
        }
        if f.removedLater { text += " (removed in a later layer)" }
        if let origin = f.introducedBy {
            if let line = origin.line {
                text += " — Dockerfile line \(line)"
                if let instruction = origin.instruction { text += " (\(instruction))" }
                if let stage = origin.stage { text += " in stage \(stage)" }
            } else if let createdBy = origin.createdBy, !createdBy.isEmpty {
                text += " — created by: \(printable(createdBy))"
            } else if let history = origin.history {
                text += " — created by history entry \(history)"
            }
        }
        return text
    }

    /// Unreserved URI characters and `/`: everything else in an artifact URI is escaped.
    static let uriAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")

    /// SARIF 2.1.0 with one run, one rule per secret or detector, one result per finding.
    public func renderSARIF() throws -> String {
        let ruleIDs = Array(Set(findings.map(\.secret))).sorted()
        let detectorRules = Dictionary(Detector.allRules.map { ($0.id, $0.rule) }, uniquingKeysWith: { a, _ in a })
        let rules: [SARIF.Rule] = ruleIDs.map { id in
            SARIF.Rule(
                id: id, shortDescription: SARIF.Message(text: id == Finding.mountResidueRule
                    ? "empty file or directory a RUN --mount left in a layer (informational)"
                    : detectorRules[id] ?? "declared build secret \"\(id)\" must not reach the image"))
        }
        let results: [SARIF.Result] = findings.map { f in
            let uri: String =
                switch f.place {
                case .layer, .cache: "layer/\(f.layer ?? 0)/\(f.path ?? "")"
                case .config: "config/\(f.field ?? "")"
                case .history: "history/\(f.index ?? 0)"
                default: "\(f.place.rawValue)/\(f.path ?? "")"
                }
            let escapedURI = uri.addingPercentEncoding(withAllowedCharacters: AuditReport.uriAllowed) ?? uri
            var properties: [String: String] = ["place": f.place.rawValue, "encoding": f.encoding, "removedLater": String(f.removedLater), "length": String(f.length)]
            if let createdBy = f.introducedBy?.createdBy { properties["createdBy"] = createdBy }
            if let mount = f.mount { properties["mount"] = mount.flag }
            let level = switch f.severity {
            case .leak: "error"
            case .exposure: "warning"
            case .info: "note"
            }
            return SARIF.Result(
                ruleId: f.secret, level: level,
                message: SARIF.Message(text: f.severity == .info ? AuditReport.residueSentence(for: f) : AuditReport.sentence(for: f)),
                locations: [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(
                    artifactLocation: SARIF.ArtifactLocation(uri: escapedURI),
                    region: f.offset.map { SARIF.Region(byteOffset: $0) }))],
                properties: properties)
        }
        let log = SARIF.Log(runs: [SARIF.Run(tool: SARIF.Tool(driver: SARIF.Driver(rules: rules)), results: results)])
        return String(decoding: try StableJSON.encode(log, pretty: true), as: UTF8.self)
    }
}
