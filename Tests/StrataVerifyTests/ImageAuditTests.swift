import StrataSupport
import Foundation
import StrataArchive
import Testing

@testable import StrataVerify

/// A finding reduced to what the tests pin down.
struct Seen: Hashable, CustomStringConvertible {
    var secret: String
    var place: Finding.Place
    var layer: Int?
    var path: String?
    var field: String?
    var encoding: String
    var removedLater: Bool

    init(_ secret: String, _ place: Finding.Place, layer: Int? = nil, path: String? = nil, field: String? = nil, _ encoding: String = "raw", removed: Bool = false) {
        (self.secret, self.place, self.layer, self.path, self.field, self.encoding, self.removedLater) = (secret, place, layer, path, field, encoding, removed)
    }

    init(_ f: Finding) {
        self.init(f.secret, f.place, layer: f.layer, path: f.path, field: f.field, f.encoding, removed: f.removedLater)
    }

    var description: String { "\(secret) \(place) L\(layer ?? -1) \(path ?? "-") \(field ?? "-") \(encoding) removed=\(removedLater)" }
}

@Suite struct ImageAuditTests {
    static let token = SecretSpec(id: "tok", text: "tk-5c2e9a71b04d4f0e8a3b")
    let auditor = ImageAuditor(secrets: [token], detectors: [])

    func seen(_ report: AuditReport) -> Set<Seen> { Set(report.findings.map(Seen.init)) }

    @Test func cleanImageHasNoFindings() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN /bin/sh -c make # buildkit", [.directory("app/"), .file("app/main.c", "int main(void) { return 0; }\n")])
        let report = try auditor.audit(fixture.image(), name: "clean:latest")
        #expect(report.clean)
        #expect(report.findings.isEmpty)
    }

    @Test func findsSecretThatALaterLayerDeletes() throws {
        var fixture = ImageFixture()
        try fixture.layer("COPY . /app # buildkit", [.directory("app/"), .file("app/README", "hello\n")])
        fixture.emptyStep("ENV A=b")
        try fixture.layer("RUN /bin/sh -c echo $TOKEN > /app/token.txt # buildkit", [.file("app/token.txt", "tk-5c2e9a71b04d4f0e8a3b\n")])
        try fixture.layer("RUN /bin/sh -c rm /app/token.txt # buildkit", gzip: false, [.file("app/.wh.token.txt", "")])
        let report = try auditor.audit(fixture.image(), name: "app")
        #expect(seen(report) == [Seen("tok", .layer, layer: 1, path: "app/token.txt", "raw", removed: true)])
        let finding = try #require(report.findings.first)
        #expect(finding.severity == .leak)
        #expect(finding.length == 23)
        #expect(finding.offset == 0)
        #expect(finding.introducedBy?.createdBy == "RUN /bin/sh -c echo $TOKEN > /app/token.txt # buildkit")
        #expect(finding.introducedBy?.instruction == "RUN")
        // History 1 is the empty ENV step; layer 1 was made by history 2.
        #expect(finding.introducedBy?.history == 2)
        #expect(!report.clean)
    }

    @Test func findsEncodedFormsInLayersWithExactPlaces() throws {
        let value = Self.token.value
        var fixture = ImageFixture()
        try fixture.layer("RUN a", [
            .file("etc/b64", "data: " + Data(value).base64EncodedString() + "\n"),
            .file("etc/wrapped", "x" + Data([0, 1] + value + value).base64EncodedString(options: .lineLength64Characters)),
            .file("etc/hex", String(decoding: Encodings.hex(value), as: UTF8.self)),
            .file("etc/sum", String(decoding: Encodings.hex(SHA1.hash(value)), as: UTF8.self) + "  -\n"),
            .symlink("etc/link", target: "/run/tk-5c2e9a71b04d4f0e8a3b"),
            .bytes("var/log.gz", try Gzip.compress(Array("log: tk-5c2e9a71b04d4f0e8a3b".utf8))),
        ])
        try fixture.layer("RUN b", [.file("etc/hex", "replaced"), .directory("var/"), .file("var/.wh..wh..opq", "")])
        let report = try auditor.audit(fixture.image(), name: "enc")
        #expect(seen(report) == [
            Seen("tok", .layer, layer: 0, path: "etc/b64", "base64"),
            Seen("tok", .layer, layer: 0, path: "etc/wrapped", "base64"),
            Seen("tok", .layer, layer: 0, path: "etc/hex", "hex", removed: true),
            Seen("tok", .layer, layer: 0, path: "etc/sum", "sha1"),
            Seen("tok", .layer, layer: 0, path: "etc/link", field: "linkTarget", "raw"),
            Seen("tok", .layer, layer: 0, path: "var/log.gz", "gzip+raw", removed: true),
        ])
        // A digest is computed from the secret, not the secret: an exposure.
        #expect(report.findings.filter { $0.severity == .exposure }.map(\.encoding) == ["sha1"])
    }

    @Test func findsSecretsInConfigAndHistoryAndRedactsThem() throws {
        var fixture = ImageFixture()
        fixture.config = [
            "Env": ["PATH=/usr/bin", "TOKEN=tk-5c2e9a71b04d4f0e8a3b"],
            "Labels": ["org.example.token": Data(Self.token.value).base64EncodedString()],
            "Cmd": ["/app"], "User": "app", "WorkingDir": "/app",
        ]
        try fixture.layer("RUN /bin/sh -c curl -H 'Authorization: tk-5c2e9a71b04d4f0e8a3b' x > /f # buildkit", [.file("f", "tk-5c2e9a71b04d4f0e8a3b")])
        let report = try auditor.audit(fixture.image(), name: "cfg")
        #expect(seen(report) == [
            Seen("tok", .config, field: "Env", "raw"),
            Seen("tok", .config, field: "Labels", "base64"),
            Seen("tok", .history, field: "created_by", "raw"),
            Seen("tok", .layer, layer: 0, path: "f", "raw"),
        ])
        let layer = try #require(report.findings.first { $0.place == .layer })
        #expect(layer.introducedBy?.createdBy == "RUN /bin/sh -c curl -H 'Authorization: [redacted:tok]' x > /f # buildkit")
        #expect(report.findings.first { $0.place == .history }?.index == 0)
    }

    @Test func secretInAFileNameIsRedactedFromThePath() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN x", [.file("tmp/tk-5c2e9a71b04d4f0e8a3b.lock", "")])
        let report = try auditor.audit(fixture.image(), name: "name")
        #expect(seen(report) == [Seen("tok", .layer, layer: 0, path: "tmp/[redacted:tok].lock", field: "path", "raw")])
    }

    @Test func laterLayerRewritingTheFileMarksItRemoved() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN a", [.file("a/b/c.txt", "tk-5c2e9a71b04d4f0e8a3b"), .file("keep.txt", "tk-5c2e9a71b04d4f0e8a3b")])
        try fixture.layer("RUN b", [.file("a/b/c.txt", "clean now")])
        try fixture.layer("RUN c", [.file("other/.wh.keep.txt", "")])
        let report = try auditor.audit(fixture.image(), name: "rw")
        #expect(seen(report) == [
            Seen("tok", .layer, layer: 0, path: "a/b/c.txt", "raw", removed: true),
            Seen("tok", .layer, layer: 0, path: "keep.txt", "raw", removed: false),
        ])
    }

    @Test func replacingAParentDirectoryWithASymlinkMarksItRemoved() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN a", [.directory("app/"), .file("app/conf/tok", "tk-5c2e9a71b04d4f0e8a3b")])
        try fixture.layer("RUN b", [.directory("app/"), .symlink("app/conf", target: "/etc/conf")])
        let report = try auditor.audit(fixture.image(), name: "sym")
        #expect(seen(report) == [Seen("tok", .layer, layer: 0, path: "app/conf/tok", "raw", removed: true)])
    }

    @Test func hostileFileNamesCannotDriveTheTerminal() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN a", [.file("x\u{1b}[2Jy", "tk-5c2e9a71b04d4f0e8a3b")])
        let report = try auditor.audit(fixture.image(), name: "esc")
        let text = report.renderText()
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("at x\\u{1b}[2Jy"))
        #expect(try report.renderSARIF().contains("layer/0/x%1B%5B2Jy"))
    }

    @Test func deletingAParentDirectoryMarksItRemoved() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN a", [.file("root/.cache/x/tok", "tk-5c2e9a71b04d4f0e8a3b")])
        try fixture.layer("RUN b", [.file("root/.wh..cache", "")])
        let report = try auditor.audit(fixture.image(), name: "dir")
        #expect(seen(report) == [Seen("tok", .layer, layer: 0, path: "root/.cache/x/tok", "raw", removed: true)])
    }
}

@Suite struct AuditExtrasTests {
    let auditor = ImageAuditor(secrets: [ImageAuditTests.token], detectors: [])

    @Test func callerOriginsNameTheDockerfileLine() throws {
        var fixture = ImageFixture()
        try fixture.layer("RUN a", [.file("x", "tk-5c2e9a71b04d4f0e8a3b")])
        let origin = Origin(line: 7, instruction: "RUN", stage: "build")
        let report = try auditor.audit(fixture.image(), name: "o", origins: [0: origin])
        #expect(report.findings.map(\.introducedBy) == [origin])
        #expect(report.renderText().contains("— Dockerfile line 7 (RUN) in stage build"))
    }

    @Test func secretInAnExtendedAttributeIsFound() throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: "bin/tool", kind: .file, xattrs: ["user.note": Array("tk-5c2e9a71b04d4f0e8a3b".utf8)]), contents: [1, 2, 3])
        let image = InMemoryImage(configJSON: Array("{}".utf8), layers: [writer.finish()])
        let report = try auditor.audit(image, name: "x")
        #expect(report.findings.map(Seen.init) == [Seen("tok", .layer, layer: 0, path: "bin/tool", field: "xattr.user.note", "raw")])
    }

    @Test func logsAndProvenanceAreScannedAsBlobs() {
        let log = Array("#5 [2/3] RUN echo dGstNWMyZTlhNzFiMDRkNGYwZThhM2I=\n#5 DONE\n".utf8)
        let findings = auditor.scan(log, place: .log, path: "build.log")
        #expect(findings.map(Seen.init) == [Seen("tok", .log, path: "build.log", "base64")])
        #expect(auditor.scan(Array("{\"predicate\":{}}".utf8), place: .provenance).isEmpty)
    }

    @Test func redactReplacesEveryEncoding() {
        let text = "curl -H 'X: tk-5c2e9a71b04d4f0e8a3b' && echo dGstNWMyZTlhNzFiMDRkNGYwZThhM2I="
        #expect(auditor.redact(text) == "curl -H 'X: [redacted:tok]' && echo [redacted:tok]I=")
    }
}


/// Hands out bytes one at a time, as a slow pipe or a peeking wrapper can.
struct TrickleSource: ByteSource {
    var bytes: [UInt8]
    var offset = 0
    mutating func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0, offset < bytes.count else { return [] }
        offset += 1
        return [bytes[offset - 1]]
    }
}

@Suite struct TarShortReadTests {
    /// Regression: `TarReader.next()` used to return nil (end of archive) when a short read
    /// delivered a PAX header block, so a layer starting with a PAX entry looked empty.
    @Test func paxEntryAfterShortReadIsStillRead() throws {
        var writer = TarWriter()
        writer.append(TarHeader(path: "bin/tool", kind: .file, xattrs: ["user.note": [1]]), contents: [1, 2, 3])
        writer.append(TarHeader(path: "etc/x", kind: .file), contents: [4])
        var reader = TarReader(TrickleSource(bytes: writer.finish()))
        var paths: [String] = []
        while let header = try reader.next() { paths.append(header.path) }
        #expect(paths == ["bin/tool", "etc/x"])
    }
}

@Suite struct ConfigFieldTests {
    static let value = "tk-5c2e9a71b04d4f0e8a3b"

    /// Each field's value as JSON, with `$` standing for the secret.
    @Test(arguments: [
        ("Env", #"["A=$"]"#),
        ("Labels", #"{"k": "$"}"#),
        ("Cmd", #"["run", "$"]"#),
        ("Entrypoint", #"["/bin/app", "--token=$"]"#),
        ("Healthcheck", #"{"Test": ["CMD", "curl", "-H", "$"]}"#),
        ("OnBuild", #"["RUN echo $"]"#),
        ("User", #""$""#),
        ("WorkingDir", #""/srv/$""#),
        ("Volumes", #"{"/data/$": {}}"#),
        ("ExposedPorts", #"{"$/tcp": {}}"#),
        ("StopSignal", #""$""#),
    ])
    func everyConfigFieldIsScanned(field: String, json: String) throws {
        var fixture = ImageFixture()
        let value = json.replacingOccurrences(of: "$", with: Self.value)
        fixture.config = [field: try JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])]
        let report = try ImageAuditor(secrets: [ImageAuditTests.token], detectors: []).audit(fixture.image(), name: "f")
        #expect(report.findings.map(Seen.init) == [Seen("tok", .config, field: field, "raw")])
    }

    @Test func historyCommentsAndTopLevelFieldsAreScanned() throws {
        var fixture = ImageFixture()
        fixture.emptyStep("ARG X")
        fixture.history[0]["comment"] = "built with " + Self.value
        var image = try fixture.image()
        var root = try #require(try JSONSerialization.jsonObject(with: Data(image.configJSON)) as? [String: Any])
        root["author"] = "ops <" + Self.value + ">"
        image.configJSON = [UInt8](try JSONSerialization.data(withJSONObject: root))
        let report = try ImageAuditor(secrets: [ImageAuditTests.token], detectors: []).audit(image, name: "h")
        #expect(Set(report.findings.map(Seen.init)) == [Seen("tok", .history, field: "comment", "raw"), Seen("tok", .config, field: "author", "raw")])
        #expect(report.findings.first { $0.place == .history }?.index == 0)
    }
}
