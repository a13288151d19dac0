import StrataLLB
import StrataSupport
import Testing
@testable import StrataSolver

/// Cache records are not fsynced: any torn or foreign bytes must read as "no record", never as
/// a wrong one.
@Suite struct CacheRecordTests {
    static let record = CacheRecord(
        layer: LayerBlob(
            digest: Digest.of(text: "layer"), diffID: Digest.of(text: "diff"), size: 1234,
            mediaType: LayerBlob.uncompressedMediaType, createdBy: "[2/3] RUN echo \u{e9}\nnext"),
        provenance: ["/out": ["tok", ">base64"], "/b": []])

    @Test func aRecordReadsBackEqual() throws {
        #expect(CacheRecord(decoding: Self.record.encoded) == Self.record)
        var anonymous = Self.record
        anonymous.layer.createdBy = nil
        anonymous.provenance = [:]
        #expect(CacheRecord(decoding: anonymous.encoded) == anonymous)
    }

    @Test func aSetOfRecordsReadsBackEqualAndInOrder() throws {
        var other = Self.record
        other.layer = LayerBlob(digest: Digest.of(text: "b"), diffID: Digest.of(text: "b"), size: 0, mediaType: "m")
        let set = CacheRecordSet(records: [(Digest.of(text: "k1"), Self.record), (Digest.of(text: "k0"), other)])
        let decoded = try #require(CacheRecordSet(decoding: set.encoded))
        #expect(decoded == set)
        #expect(decoded.records.map(\.key) == [Digest.of(text: "k1"), Digest.of(text: "k0")])
        #expect(CacheRecordSet(decoding: Self.record.encoded) == nil)
        #expect(CacheRecord(decoding: set.encoded) == nil)
        #expect(CacheRecordSet(decoding: Array(set.encoded.dropLast())) == nil)
    }

    @Test func theEncodingIsDeterministic() {
        #expect(Self.record.encoded == Self.record.encoded)
    }

    @Test(arguments: [0, 1, 21, 22, 40, 100])
    func aTruncatedRecordReadsAsAbsent(keep: Int) {
        let bytes = Self.record.encoded
        #expect(CacheRecord(decoding: Array(bytes.prefix(min(keep, bytes.count - 1)))) == nil)
    }

    @Test func zeroedOrFlippedBytesReadAsAbsent() {
        let bytes = Self.record.encoded
        #expect(CacheRecord(decoding: [UInt8](repeating: 0, count: bytes.count)) == nil)
        for index in stride(from: 0, to: bytes.count, by: 7) {
            var flipped = bytes
            flipped[index] ^= 0x20
            #expect(CacheRecord(decoding: flipped) == nil, "byte \(index)")
        }
    }

    @Test func anOldJSONRecordReadsAsAbsent() {
        let json = Array(#"{"layer":{"digest":"sha256:00","diffID":"sha256:00","mediaType":"x","size":1},"provenance":{}}"#.utf8)
        #expect(CacheRecord(decoding: json) == nil)
    }
}
