/// The result of an audit: the image's name, whether it is clean, and every finding.
///
/// Findings are sorted (leaks first, then by place, layer, path, index, field, secret,
/// encoding) so that equal audits render equal reports.
public struct AuditReport: Codable, Sendable, Hashable {
    public var image: String
    /// True when nothing but informational findings (mount residue) was found.
    public var clean: Bool
    public var findings: [Finding]
    /// True when findings were dropped at `AuditLimits.maxFindings`; absent otherwise.
    public var truncated: Bool?

    public init(image: String, findings: [Finding]) {
        self.image = image
        self.findings = findings.sorted(by: AuditReport.order)
        self.clean = findings.allSatisfy { $0.severity == .info }
    }

    /// True when a declared secret was found (exit code 3 in the CLI).
    public var hasLeaks: Bool { findings.contains { $0.severity == .leak } }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        func key(_ f: Finding) -> [String] {
            [String(f.severity.rank), String(Finding.Place.allCases.firstIndex(of: f.place) ?? 0),
             pad(f.layer), f.path ?? "", pad(f.index), f.field ?? "", f.secret, f.encoding, pad(f.offset)]
        }
        return key(a).lexicographicallyPrecedes(key(b))
    }

    private static func pad(_ n: Int?) -> String {
        guard let n else { return "" }
        let digits = String(n)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}
