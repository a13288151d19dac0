import Foundation
import Testing

@testable import StrataVerify

@Suite struct NestedZipTests {
    /// A jar written by Python's zipfile to a pipe: unseekable, so entries carry data
    /// descriptors and only the central directory has their sizes.
    static func makeJar(_ files: [(String, String, deflate: Bool)]) throws -> [UInt8] {
        let program = """
            import sys, zipfile, json
            files = json.loads(sys.stdin.read())
            with zipfile.ZipFile(sys.stdout.buffer, "w") as z:
                for name, text, deflate in files:
                    info = zipfile.ZipInfo(name)
                    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
                    with z.open(info, "w") as f:
                        f.write(text.encode())
            """
        let input = try JSONSerialization.data(withJSONObject: files.map { [$0.0, $0.1, $0.deflate] as [Any] })
        return try runTool(["python3", "-c", program], input: [UInt8](input))
    }

    let auditor = ImageAuditor(secrets: [ImageAuditTests.token], detectors: [])

    @Test func secretsInsideAJarAreFoundPerEntry() throws {
        let filler = String(repeating: "spring.main.banner-mode=off\n", count: 200)
        let jar = try Self.makeJar([
            ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", deflate: false),
            ("BOOT-INF/classes/application.properties", filler + "api.token=tk-5c2e9a71b04d4f0e8a3b\n", deflate: true),
            ("BOOT-INF/classes/raw.txt", "tk-5c2e9a71b04d4f0e8a3b", deflate: false),
        ])
        #expect(jar.prefix(4) == [0x50, 0x4b, 0x03, 0x04])
        var fixture = ImageFixture()
        try fixture.layer("COPY app.jar /app/app.jar", [.bytes("app/app.jar", jar)])
        let report = try auditor.audit(fixture.image(), name: "jar")
        #expect(Set(report.findings.map(Seen.init)) == [
            Seen("tok", .layer, layer: 0, path: "app/app.jar!/BOOT-INF/classes/application.properties", "zip+raw"),
            // A stored entry is also plain bytes of the jar itself.
            Seen("tok", .layer, layer: 0, path: "app/app.jar!/BOOT-INF/classes/raw.txt", "zip+raw"),
            Seen("tok", .layer, layer: 0, path: "app/app.jar", "raw"),
        ])
    }

    @Test func damagedZipIsNeverFatal() throws {
        let jar = try Self.makeJar([("a.properties", String(repeating: "x=1\n", count: 500) + "tk-5c2e9a71b04d4f0e8a3b", deflate: true)])
        for cut in [10, jar.count / 2, jar.count - 10] {
            var fixture = ImageFixture()
            try fixture.layer("COPY", [.bytes("a.jar", Array(jar.prefix(cut)))])
            #expect(try auditor.audit(fixture.image(), name: "cut").findings.isEmpty)
        }
        // A lying central directory: the deflated entry claims to be 10 bytes long. It is
        // still scanned in full (up to the budget).
        var lying = jar
        if let directory = (0..<(lying.count - 4)).last(where: { lying[$0..<($0 + 4)] == [0x50, 0x4b, 0x01, 0x02] }) {
            lying.replaceSubrange((directory + 24)..<(directory + 28), with: [10, 0, 0, 0])
        }
        var fixture = ImageFixture()
        try fixture.layer("COPY", [.bytes("a.jar", lying)])
        #expect(try auditor.audit(fixture.image(), name: "lying").findings.map(Seen.init) == [
            Seen("tok", .layer, layer: 0, path: "a.jar!/a.properties", "zip+raw")
        ])
    }
}
