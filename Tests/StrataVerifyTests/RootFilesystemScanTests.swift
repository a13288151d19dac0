import Foundation
import Testing

@testable import StrataVerify

/// The built-in detectors against this machine's real Debian root filesystem: they must
/// stay quiet on ordinary binaries, libraries and configuration.
@Suite struct RootFilesystemScanTests {
    let auditor = ImageAuditor(secrets: [])

    /// Findings that are genuinely credential-like and expected on this machine.
    /// (Each entry says why it is allowed.)
    static let allowed: [(path: String, secret: String, why: String)] = [
        ("usr/lib/x86_64-linux-gnu/libgnutls.so.30.34.3", "private-key",
         "GnuTLS embeds a real PEM private key (GOST) for its self-tests: genuinely a private key"),
        ("usr/lib/x86_64-linux-gnu/libgnutls.a", "private-key", "the same self-test key, in the static library"),
        ("usr/share/doc/libxmlsec1-dev/examples/rsakey.pem", "private-key", "an example RSA key shipped with xmlsec's docs"),
        ("usr/lib/python3/dist-packages/lazr/restfulclient/tests/test_oauth.py", "generic-secret-assignment",
         "a test fixture assigning a literal OAuth token"),
        ("usr/lib/python3/dist-packages/lazr/restfulclient/tests/__pycache__/test_oauth.cpython-311.pyc", "generic-secret-assignment",
         "the same fixture, compiled"),
        ("usr/lib/python3/dist-packages/oauthlib/oauth1/rfc5849/endpoints/access_token.py", "generic-secret-assignment",
         "a docstring example of an OAuth 1 access token response"),
        ("usr/lib/python3/dist-packages/oauthlib/oauth1/rfc5849/endpoints/__pycache__/access_token.cpython-311.pyc", "generic-secret-assignment",
         "the same example, compiled"),
        ("usr/lib/python3/dist-packages/oauthlib/oauth2/rfc6749/parameters.py", "generic-secret-assignment",
         "RFC 6749's example access token (2YotnFZFEjr1zCsicMWpAA) in a docstring"),
        ("usr/lib/python3/dist-packages/oauthlib/oauth2/rfc6749/__pycache__/parameters.cpython-311.pyc", "generic-secret-assignment",
         "the same example, compiled"),
        ("usr/share/doc/libgnutls30/NEWS.gz", "generic-secret-assignment",
         "a PKCS#11 URI `token=Root%20CA%20Certificates` in release notes (gzip, scanned decompressed)"),
        ("usr/share/man/man1/gcloud_oracle-database_autonomous-databases_create.1.gz", "generic-secret-assignment",
         "a man page example `--admin-password=123Abpassdord`"),
        ("usr/share/man/man1/openssl-cmp.1ssl.gz", "generic-secret-assignment",
         "a man page example `secret = pass:1234-5678-...`"),
    ]

    func unexpected(_ findings: [Finding]) -> [Finding] {
        findings.filter { f in !Self.allowed.contains { f.path == $0.path && f.secret == $0.secret } }
    }

    @Test func etcAndBusyboxAreQuiet() throws {
        let etc = try auditor.scanFiles(under: "/etc")
        #expect(etc.files > 100)
        #expect(unexpected(etc.findings).map { "\($0.secret) \($0.path ?? "")" } == [])
        let busybox = try auditor.scanFiles(under: "/usr/bin/busybox")
        #expect(busybox.files == 1)
        #expect(busybox.findings.isEmpty)
    }

    /// Over a gigabyte: run with `STRATA_ROOTFS_SCAN=1`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STRATA_ROOTFS_SCAN"] == "1"),
        arguments: ["/usr/bin", "/usr/sbin", "/usr/lib/x86_64-linux-gnu", "/usr/lib/python3", "/usr/lib/python3.11", "/usr/lib/node_modules", "/usr/share", "/usr/local"])
    func systemDirectoriesAreQuiet(directory: String) throws {
        let result = try auditor.scanFiles(under: directory)
        print("\(directory): \(result.files) files, \(result.bytes >> 20) MiB, \(result.unreadable) unreadable, \(result.findings.count) findings")
        for f in result.findings { print("  \(f.secret) \(f.path ?? "") \(f.field ?? "") @\(f.offset ?? -1) len \(f.length)") }
        #expect(unexpected(result.findings).map { "\($0.secret) \($0.path ?? "")" } == [])
    }
}
