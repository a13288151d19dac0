import Foundation
import Testing
@testable import StrataSupport

@Suite struct SHA256Tests {
    /// FIPS 180-4 / NIST CAVP examples.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(input: String, expected: String) {
        #expect(Hex.encode(SHA256.hash(Array(input.utf8))) == expected)
    }

    @Test func portableAndAcceleratedPathsAgree() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 63, 64, 65, 200, 4096, 100_003] {
            let input = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var portable = SHA256()
            portable.portable = true
            portable.update(input)
            #expect(portable.finalize() == SHA256.hash(input), "size \(size)")
        }
    }

    @Test func millionAs() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(SHA256.hash(input)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        var generator = SystemRandomNumberGenerator()
        let input = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 999] {
            var hasher = SHA256()
            hasher.update(input[..<split])
            hasher.update(input[split...])
            #expect(hasher.finalize() == SHA256.hash(input), "split at \(split)")
        }
    }

    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4095, 65_537, 1 << 20])
    func agreesWithSha256sum(size: Int) throws {
        let tool = "/usr/bin/sha256sum"
        try #require(FileManager.default.isExecutableFile(atPath: tool))
        var generator = SystemRandomNumberGenerator()
        let input = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strata-sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(input).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let expected = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(Hex.encode(SHA256.hash(input)) == expected)
    }
}

@Suite struct DigestTests {
    @Test func parsesValidDigest() throws {
        let text = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let digest = try Digest(parsing: text)
        #expect(digest.description == text)
        #expect(digest == Digest.of([UInt8]()))
        #expect(digest.short == "e3b0c44298fc")
    }

    @Test(arguments: [
        "", "sha256", "sha256:", "sha256:abc", "md5:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:../../../../etc/passwd0000000000000000000000000000000000000000000",
    ])
    func rejectsMalformedDigests(text: String) {
        #expect(throws: DigestError.self) { try Digest(parsing: text) }
    }

    @Test func roundTripsThroughJSON() throws {
        let digest = Digest.of(text: "hello")
        let data = try StableJSON.encode([digest])
        #expect(try StableJSON.decode([Digest].self, from: data) == [digest])
        #expect(throws: (any Error).self) { try StableJSON.decode([Digest].self, from: Data("[\"sha256:zz\"]".utf8)) }
    }
}
