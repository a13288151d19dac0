import StrataSupport
import Foundation
import Testing

@testable import StrataVerify

@Suite struct DigestVectorTests {
    /// Expected values from `printf '%s' INPUT | sha1sum` and `md5sum` on this machine.
    static let vectors: [(String, sha1: String, md5: String)] = [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "d41d8cd98f00b204e9800998ecf8427e"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d", "900150983cd24fb0d6963f7d28e17f72"),
        ("s3cr3t-t0ken/with+stuff", "ab6e4c970e12fca37a79a500b923f926eb3cad62", "803ab41bf33903ef957c57f0ffe21808"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "9e107d9d372bb6826bd81d3542a419d6"),
        (String(repeating: "a", count: 1000), "291e9a6c66994949b57ba5e650361e98fc36b1ba", "cabe45dcc9ae5b66ba86600cca6b8ba8"),
    ]

    @Test(arguments: vectors)
    func sha1AndMD5MatchCoreutils(_ vector: (String, sha1: String, md5: String)) {
        #expect(Encodings.hex(SHA1.hash(Array(vector.0.utf8))) == Array(vector.sha1.utf8))
        #expect(Encodings.hex(MD5.hash(Array(vector.0.utf8))) == Array(vector.md5.utf8))
    }
}

@Suite struct SecretPatternTests {
    let secret = SecretSpec(id: "tok", text: "s3cr3t-t0ken/with+stuff'\"x")

    func pattern(_ encoding: String, in spec: SecretSpec) -> [[UInt8]] {
        spec.patterns.filter { $0.encoding == encoding }.map(\.bytes)
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func descriptionNamesIdAndLengthOnly() {
        #expect(secret.description == "secret \"tok\" (26 bytes)")
        #expect(!"\(secret)".contains("s3cr3t"))
        #expect(!String(reflecting: secret).contains("s3cr3t"))
    }

    @Test(arguments: 0..<3, 0..<3)
    func base64MiddleIsFoundAtEveryAlignment(prefix: Int, suffix: Int) {
        let text = [UInt8](repeating: UInt8(ascii: "P"), count: prefix) + secret.value + [UInt8](repeating: 0xfe, count: suffix)
        let standard = Array(Data(text).base64EncodedString().utf8)
        let url = standard.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }
        let middles = pattern("base64", in: secret)
        #expect(middles.count == 3)
        #expect(middles.contains { contains(standard, $0) })
        // An alignment whose URL-safe middle has no `-` or `_` is kept once, as `base64`.
        #expect((middles + pattern("base64url", in: secret)).contains { contains(url, $0) })
        // The middle covers all but at most one character at each end per 3 bytes of secret.
        #expect(middles.allSatisfy { $0.count >= secret.value.count * 4 / 3 - 2 })
    }

    @Test func hexDigestAndEscapedFormsAreDerived() {
        #expect(pattern("hex", in: secret) == [Encodings.hex(secret.value)])
        #expect(pattern("sha256", in: SecretSpec(id: "a", text: "abcd")) == [Array("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589".utf8)])
        #expect(pattern("sha1", in: SecretSpec(id: "a", text: "s3cr3t-t0ken/with+stuff")) == [Array("ab6e4c970e12fca37a79a500b923f926eb3cad62".utf8)])
        #expect(pattern("json", in: secret).contains(Array(#"s3cr3t-t0ken/with+stuff'\"x"#.utf8)))
        #expect(pattern("json", in: secret).contains(Array(#"s3cr3t-t0ken\/with+stuff'\"x"#.utf8)))
        #expect(pattern("shell-single-quote", in: secret) == [Array(#"s3cr3t-t0ken/with+stuff'\''"x"#.utf8)])
        #expect(pattern("shell-backslash", in: secret) == [Array(#"s3cr3t-t0ken/with+stuff\'\"x"#.utf8)])
        #expect(pattern("url", in: secret).contains(Array("s3cr3t-t0ken%2Fwith%2Bstuff%27%22x".utf8)))
        #expect(pattern("xxd", in: SecretSpec(id: "a", text: "abcde")) == [Array("6162 6364 65".utf8), Array("61 6263 6465".utf8)])
    }

    @Test func secretFileWithTrailingNewlineAlsoMatchesWithoutIt() {
        let spec = SecretSpec(id: "tok", text: "tk-5c2e9a71b04d4f0e8a3b\n")
        let scanner = SecretScanner(secrets: [spec])
        let found = scanner.matches(in: Array("TOKEN=tk-5c2e9a71b04d4f0e8a3b;".utf8))
        #expect(found.map { scanner.patterns[$0.pattern].encoding } == ["raw"])
        #expect(found.map { scanner.patterns[$0.pattern].secretLength } == [24])
        // sha256sum of `$(cat secret)` is the digest of the trimmed value.
        #expect(pattern("sha256", in: spec).count == 2)
    }

    @Test func longSecretsAreSearchedByTheirFirstBytes() {
        var generator = SplitMix(seed: 7)
        let key = SecretSpec(id: "pem", value: Array("-----BEGIN PRIVATE KEY-----\n".utf8) + (0..<3000).map { _ in UInt8(ascii: "A") + UInt8(generator.next() % 26) })
        #expect(key.patterns.allSatisfy { $0.bytes.count <= SecretPattern.maximumLength })
        #expect(key.patterns.allSatisfy { $0.secretLength == 3028 })
        let scanner = SecretScanner(secrets: [key])
        let text = Array("stored: ".utf8) + key.value + Array(" and ".utf8) + Array(Data(key.value).base64EncodedString().utf8)
        let found = scanner.matches(in: text)
        #expect(found.map { scanner.patterns[$0.pattern].encoding } == ["raw", "base64"])
        #expect(found.first?.offset == 8)
    }

    @Test func shortSecretsOnlyMatchRaw() {
        let short = SecretSpec(id: "pin", text: "123")
        #expect(short.patterns.map(\.encoding) == ["raw"])
        #expect(SecretSpec(id: "empty", value: []).patterns.isEmpty)
    }

    @Test func identicalFormsAreKeptOnceUnderTheMostDirectEncoding() {
        let plain = SecretSpec(id: "p", text: "plainvalue")
        let encodings = plain.patterns.map(\.encoding)
        #expect(encodings.first == "raw")
        #expect(!encodings.contains("json"))
        #expect(!encodings.contains("url"))
        #expect(!encodings.contains("shell-single-quote"))
        #expect(Set(plain.patterns.map(\.bytes)).count == plain.patterns.count)
    }
}
