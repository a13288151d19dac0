import Foundation
import Testing

@testable import StrataVerify

/// Fake credentials are assembled at run time so that this file itself does not look like
/// it holds any.
@Suite struct DetectorTests {
    static func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }
    static let alnum36 = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4"

    static let positives: [(String, String)] = [
        ("aws-access-key-id", "aws_access_key_id = AK" + "IA" + "Z3Q7RX4MBN2KT5WP\n"),
        ("aws-access-key-id", "\"AS" + "IA" + "Y7Q3RX4MBN2KT5WP\""),
        ("github-token", "GITHUB_TOKEN=gh" + "p_" + alnum36 + "\n"),
        ("github-token", "token: gh" + "s_" + alnum36),
        ("github-token", "github" + "_pat_" + rep("11ABCDEFG0", 5) + "_" + rep("xyz", 10)),
        ("gitlab-token", "glp" + "at-" + "x7Yz9AbCdEfGhIjK1mNo"),
        ("npm-auth-token", "//registry.npmjs.org/:_auth" + "Token=npm_" + alnum36 + "\n"),
        ("pypi-token", "password = pypi-Ag" + "EI" + rep("cHlwaS5vcmc", 6)),
        ("private-key", "-----BEGIN RSA PRIVATE" + " KEY-----\n" + rep("MIIEowIBAAKCAQEA", 5) + "\n"),
        ("private-key", "-----BEGIN OPENSSH PRIVATE" + " KEY-----\r\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2g\n"),
        ("private-key", "-----BEGIN PRIVATE" + " KEY-----\n" + rep("MIGHAgEAMBMGByqGSM49", 3)),
        ("slack-token", "xo" + "xb-" + "123456789012-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx"),
        ("stripe-key", "STRIPE=sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"),
        ("generic-secret-assignment", "DB_PASSWORD=Xk9#mQ2vLp7w"),
        ("generic-secret-assignment", "{\"api_key\": \"a8F3kL0qZ7xW2mN5\"}"),
        ("generic-secret-assignment", "  secret: 'Rz4-tY8_uI2o'\n"),
        ("generic-secret-assignment", "token=c0ffeeBABE1234dead"),
    ]

    static let negatives: [String] = [
        "AKIAIOSFODNN7EXAMPLE",  // AWS's documented example key
        "XAKIAZ3Q7RX4MBN2KT5WP",  // part of a longer word
        "AKIAZ3Q7RX4MBN2KT5WPQ",  // too long
        "ghp_short",
        "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
        "//registry.npmjs.org/:_authToken=MYTOKEN1",
        "-----BEGIN PRIVATE KEY-----",  // a PEM label constant in a binary, no body
        "PEM_read_bio_PrivateKey: expecting -----BEGIN RSA PRIVATE KEY-----\\n",
        "password=",
        "password=%s",
        "password=$DB_PASSWORD",
        "password: \"${PASSWORD}\"",
        "password=changeme123",
        "password=<your password>",
        "password = getpass(prompt)",
        "token = self.config.api_token",
        "TOKEN=exports2.HEX",
        "Token:Topic:Total:Type:",
        "token::L_YYerror <= tok",
        "csrftoken=Ab1!Cd2@Ef3#",
        "password_hash=Xk9#mQ2vLp7w",
        "Password: PhoenicianPidsLimit:Placement:Platforms",
        "secret=abcdefghijk",  // one character class
        "xoxb-notreally-a-token-at-all",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    ]

    let scanner = DetectorScanner()

    func ids(_ text: String) -> [String] {
        scanner.detections(in: Array(text.utf8)).map { scanner.detectors[$0.detector].id }
    }

    @Test(arguments: positives)
    func detectsCredential(id: String, text: String) {
        #expect(ids(text) == [id])
    }

    @Test(arguments: negatives)
    func staysQuietOnLookalikes(text: String) {
        #expect(ids(text) == [])
    }

    @Test func reportsOffsetAndLengthOfTheCredential() {
        let key = "AK" + "IA" + "Z3Q7RX4MBN2KT5WP"
        let found = scanner.detections(in: Array(("x = \"" + key + "\"").utf8))
        #expect(found.map(\.offset) == [5])
        #expect(found.map(\.length) == [20])
    }

    @Test(arguments: [1, 5, 33, 4096])
    func findsCredentialsAcrossChunksAndAfterLongGaps(chunk: Int) {
        let token = "gh" + "p_" + Self.alnum36
        let text = Array((String(repeating: "filler ", count: 300) + token + String(repeating: " more", count: 200) + "\n" + token).utf8)
        var stream = scanner.stream()
        var found: [Detection] = []
        for start in stride(from: 0, to: text.count, by: chunk) {
            stream.feed(Array(text[start..<min(text.count, start + chunk)])) { found.append($0) }
        }
        stream.finish { found.append($0) }
        #expect(found == scanner.detections(in: text))
        #expect(found.map(\.offset) == [2100, 2100 + 40 + 1000 + 1])
    }

    @Test func everyDetectorHasAStableIdAndRule() {
        let ids = Detector.allRules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("credential-file"))
        #expect(Detector.allRules.allSatisfy { !$0.rule.isEmpty })
    }
}

@Suite struct CredentialFileTests {
    @Test(arguments: [
        ("root/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", true),
        ("root/.npmrc", "registry=https://registry.example.com/\n", false),
        ("home/u/.pypirc", "[pypi]\nusername = __token__\npassword = x\n", true),
        ("root/.netrc", "machine example.com login u password p\n", true),
        ("root/.git-credentials", "https://u:p@example.com\n", true),
        ("root/.docker/config.json", "{\"auths\":{\"r.example\":{\"auth\":\"dTpw\"}}}", true),
        ("root/.docker/config.json", "{\"credsStore\":\"desktop\"}", false),
        ("root/.aws/credentials", "[default]\naws_secret_access_key = x\n", true),
        ("root/.ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n", true),
        ("root/.ssh/id_ed25519.pub", "ssh-ed25519 AAAA u@h\n", false),
        ("etc/app/config.json", "{\"auths\":{\"r\":{\"auth\":\"x\"}}}", false),
    ])
    func credentialFilesAreFlaggedByPathAndShape(path: String, content: String, flagged: Bool) throws {
        var fixture = ImageFixture()
        try fixture.layer("COPY . /", [.file(path, content)])
        let report = try ImageAuditor(secrets: [], detectors: []).audit(fixture.image(), name: "cred")
        let hits = report.findings.filter { $0.secret == "credential-file" }
        #expect(hits.count == (flagged ? 1 : 0))
        if let hit = hits.first {
            #expect(hit.path == path)
            #expect(hit.severity == .exposure)
            #expect(hit.encoding == "path")
        }
    }
}
