import Testing

@testable import StrataSupport

/// `Digest` is a hash-table key and a sort key everywhere in a build; its hashing reads only a
/// prefix and its ordering skips building descriptions, so both are held to the plain rules.
@Suite struct DigestKeyTests {
    static let digests = (0..<200).map { Digest.of(text: "entry \($0)") }

    @Test func equalDigestsHashAlikeHoweverTheyWereMade() throws {
        for digest in Self.digests {
            let parsed = try Digest(parsing: digest.description)
            let rebuilt = try Digest(parsing: String(digest.description.reversed().reversed()))
            #expect(parsed == digest)
            #expect(parsed.hashValue == digest.hashValue)
            #expect(rebuilt.hashValue == digest.hashValue)
        }
        #expect(Set(Self.digests).count == Self.digests.count)
        var table: [Digest: Int] = [:]
        for (index, digest) in Self.digests.enumerated() { table[digest] = index }
        for (index, digest) in Self.digests.enumerated() { #expect(table[try Digest(parsing: digest.description)] == index) }
    }

    @Test func digestsOrderAsTheirDescriptions() {
        let sorted = Self.digests.sorted()
        #expect(sorted.map(\.description) == Self.digests.map(\.description).sorted())
    }

    /// Digests that share their first 16 hex digits still differ as keys.
    @Test func aSharedPrefixStillCompares() throws {
        let a = try Digest(parsing: "sha256:" + String(repeating: "a", count: 16) + String(repeating: "0", count: 48))
        let b = try Digest(parsing: "sha256:" + String(repeating: "a", count: 16) + String(repeating: "1", count: 48))
        #expect(a.hashValue == b.hashValue)
        #expect(a != b)
        #expect(Set([a, b]).count == 2)
        #expect(a < b)
    }
}
