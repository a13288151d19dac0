import Foundation
import StrataSupport
import Testing

@testable import StrataVerify

@Suite struct AuditReportTests {
    static let secrets = [
        SecretSpec(id: "tok", text: "tk-5c2e9a71b04d4f0e8a3b"),
        SecretSpec(id: "npm", text: "Zq8/Wm+3xRt\"Lp'Vb7?"),
        SecretSpec(id: "key", value: [0x00, 0xff, 0x10, 0x80, 0x7f, 0x41, 0x0a, 0x22, 0x5c, 0x99, 0xde, 0xad]),
    ]

    /// An image with every secret in every place the audit looks, including names and
    /// history lines that reports must show.
    static func leakyImage() throws -> InMemoryImage {
        var fixture = ImageFixture()
        var entries: [ImageFixture.Entry] = []
        var env: [String] = []
        for secret in secrets {
            for (i, pattern) in secret.patterns.enumerated() {
                entries.append(.bytes("enc/\(secret.id)/\(i)", Array("prefix ".utf8) + pattern.bytes + Array(" suffix".utf8)))
            }
            entries.append(.bytes("names/" + String(decoding: secret.value.filter { $0 > 0x20 && $0 < 0x7f && $0 != 0x2f }, as: UTF8.self), []))
            env.append("S_\(secret.id)=" + String(decoding: secret.value, as: UTF8.self))
        }
        entries.append(.symlink("link", target: "/x/tk-5c2e9a71b04d4f0e8a3b"))
        fixture.config = ["Env": env, "Labels": ["tk-5c2e9a71b04d4f0e8a3b": "v"], "Cmd": ["echo", "Zq8/Wm+3xRt\"Lp'Vb7?"]]
        try fixture.layer("RUN /bin/sh -c echo tk-5c2e9a71b04d4f0e8a3b Zq8/Wm+3xRt\"Lp'Vb7? > /x # buildkit", entries)
        try fixture.layer("RUN /bin/sh -c rm -rf /enc # buildkit", [.file(".wh.enc", "")])
        return try fixture.image()
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0] == needle[0] && Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func noRenderedReportContainsASecretInAnyEncoding() throws {
        let report = try ImageAuditor(secrets: Self.secrets).audit(Self.leakyImage(), name: "leaky:1")
        #expect(report.findings.count > 40)
        #expect(Set(report.findings.map(\.secret)).isSuperset(of: ["tok", "npm", "key"]))
        let outputs = [try report.renderJSON(), report.renderText(), try report.renderSARIF(), try report.renderJSON(pretty: false)]
        for output in outputs {
            let bytes = Array(output.utf8)
            for secret in Self.secrets {
                for pattern in secret.patterns {
                    #expect(!contains(bytes, pattern.bytes), "\(secret.id) \(pattern.encoding) in output")
                }
            }
        }
    }

    @Test func credentialsFoundByDetectorsAreNeverRendered() throws {
        let github = "gh" + "p_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4"
        let aws = "AK" + "IA" + "Z3Q7RX4MBN2KT5WP"
        var fixture = ImageFixture()
        fixture.config = ["Env": ["GITHUB_TOKEN=" + github], "Labels": ["k": aws]]
        try fixture.layer("RUN /bin/sh -c git clone https://" + github + "@github.com/o/r # buildkit", [
            .file("src/" + github + "/config", "aws_access_key_id=" + aws + "\n"),
            .file("root/.git-credentials", "https://u:" + github + "@github.com\n"),
        ])
        let report = try ImageAuditor(secrets: []).audit(fixture.image(), name: "det")
        #expect(Set(report.findings.map(\.secret)) == ["github-token", "aws-access-key-id", "credential-file"])
        #expect(report.findings.allSatisfy { $0.severity == .exposure })
        for output in [try report.renderJSON(), report.renderText(), try report.renderSARIF()] {
            #expect(!output.contains(github))
            #expect(!output.contains(aws))
        }
    }

    @Test func jsonHasImageCleanAndFindingsWithSortedKeys() throws {
        let finding = Finding(
            secret: "tok", severity: .leak, place: .layer, layer: 2, path: "app/token.txt", offset: 0, encoding: "raw",
            removedLater: true, length: 22, introducedBy: Origin(createdBy: "RUN cat /run/secrets/tok > /app/token.txt"))
        let report = AuditReport(image: "app:1", findings: [finding])
        let json = try report.renderJSON(pretty: false)
        #expect(json == #"{"clean":false,"findings":[{"encoding":"raw","introducedBy":{"createdBy":"RUN cat /run/secrets/tok > /app/token.txt","instruction":"RUN"},"layer":2,"length":22,"offset":0,"path":"app/token.txt","place":"layer","removedLater":true,"secret":"tok","severity":"leak"}],"image":"app:1"}"#)
        let decoded = try JSONDecoder().decode(AuditReport.self, from: Data(json.utf8))
        #expect(decoded == report)
    }

    @Test func textNamesTheLayerPathAndHistoryLine() {
        let finding = Finding(
            secret: "tok", severity: .leak, place: .layer, layer: 2, path: "app/token.txt", encoding: "raw",
            removedLater: true, length: 22, introducedBy: Origin(createdBy: "RUN cat /run/secrets/tok > /app/token.txt"))
        let text = AuditReport(image: "app:1", findings: [finding]).renderText()
        #expect(text == """
            app:1: 1 leak, 0 exposures

            layer:
              secret "tok" (22 bytes) found raw in layer 2 at app/token.txt (removed in a later layer) — created by: RUN cat /run/secrets/tok > /app/token.txt

            """)
        #expect(AuditReport(image: "ok", findings: []).renderText() == "ok: clean (no secrets or credentials found)\n")
        let digest = Finding(secret: "tok", severity: .exposure, place: .layer, layer: 1, path: "sum", encoding: "sha256", length: 22)
        let detected = Finding(secret: "github-token", severity: .exposure, place: .config, field: "Env", encoding: "raw", length: 40)
        #expect(AuditReport.sentence(for: digest) == #"secret "tok" (22 bytes): its digest found (sha256) in layer 1 at sum"#)
        #expect(AuditReport.sentence(for: detected) == "possible credential [github-token] (40 bytes) found raw in config Env")
    }

    @Test func sarifIsVersion210WithOneRulePerSecret() throws {
        let report = try ImageAuditor(secrets: Self.secrets).audit(Self.leakyImage(), name: "leaky:1")
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(report.renderSARIF().utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == report.findings.count)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(Set(rules.compactMap { $0["id"] as? String }) == Set(report.findings.map(\.secret)))
        #expect(results.allSatisfy { ($0["level"] as? String) == "error" || ($0["level"] as? String) == "warning" })
    }
}

