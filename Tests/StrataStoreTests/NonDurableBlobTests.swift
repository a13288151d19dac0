import Foundation
import StrataStore
import StrataSupport
import Testing

/// Blobs written without fsync may be torn by a crash; the store must then refuse them on
/// read and remove them, so that the next writer of that content stores it again.
@Suite struct NonDurableBlobTests {
    @Test func nonDurableBlobReadsBackLikeADurableOne() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let digest = try temp.store.put(Array("layer".utf8), durable: false)
        #expect(try temp.store.get(digest) == Array("layer".utf8))
        try temp.store.verify(digest)
    }

    @Test(arguments: ["zeros", "short"])
    func aTornBlobIsRefusedRemovedAndWrittenAgain(damage: String) throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let bytes = Array(String(repeating: "content ", count: 100).utf8)
        let digest = try temp.store.put(bytes, durable: false)
        let torn = damage == "zeros" ? Data(count: bytes.count) : Data(bytes.prefix(10))
        try torn.write(to: temp.store.url(for: digest))
        #expect(throws: StoreError.self) { try temp.store.verify(digest) }
        #expect(!temp.store.contains(digest))
        // The next put of the same content is not skipped as "already there".
        try temp.store.put(bytes, durable: false)
        #expect(try temp.store.get(digest) == bytes)
    }

    @Test func aReaderThatStopsEarlyStillVerifiesWhenFinished() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let digest = try temp.store.put([UInt8](repeating: 7, count: 4096), durable: false)
        try Data(count: 4096).write(to: temp.store.url(for: digest))
        let reader = try temp.store.openBlob(digest)
        #expect(try reader.read(upTo: 512) == [UInt8](repeating: 0, count: 512))
        #expect(throws: StoreError.corruptBlob(digest, actual: Digest.of([UInt8](repeating: 0, count: 4096)))) { try reader.finish() }
    }

    @Test func nonDurableRecordIsWrittenAndReadBack() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        try temp.store.writeRecord("cache-x", Data("{}".utf8), durable: false)
        #expect(try temp.store.readRecord("cache-x") == Data("{}".utf8))
    }
}
