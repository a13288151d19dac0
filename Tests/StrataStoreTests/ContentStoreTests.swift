import Foundation
import StrataSupport
import Testing

@testable import StrataStore

/// A fresh store in a temporary directory, removed by `cleanup()`.
struct TemporaryStore {
    let root: URL
    let store: ContentStore

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-store-\(UUID().uuidString)")
        store = try ContentStore(root: root)
    }

    func cleanup() { try? FileManager.default.removeItem(at: root) }
}

@Suite struct ContentStoreTests {
    @Test func putThenGetReturnsTheSameBytesUnderTheirDigest() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let bytes = Array("hello strata\n".utf8)
        let digest = try temp.store.put(bytes)
        #expect(digest == Digest.of(bytes))
        #expect(temp.store.contains(digest))
        #expect(try temp.store.get(digest) == bytes)
        #expect(try temp.store.size(of: digest) == bytes.count)
        #expect(temp.store.url(for: digest).path.hasSuffix("blobs/sha256/\(digest.hex)"))
    }

    @Test func putExpectingTheWrongDigestStoresNothing() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let wrong = Digest.of(text: "something else")
        #expect(throws: StoreError.digestMismatch(expected: wrong, actual: Digest.of(text: "abc"))) {
            try temp.store.put(Array("abc".utf8), expecting: wrong)
        }
        #expect(temp.store.allDigests().isEmpty)
        #expect(!temp.store.contains(Digest.of(text: "abc")))
    }

    @Test func missingBlobIsAClearError() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let digest = Digest.of(text: "never stored")
        #expect(throws: StoreError.blobNotFound(digest)) { try temp.store.get(digest) }
        #expect(throws: StoreError.blobNotFound(digest)) { try temp.store.size(of: digest) }
        #expect("\(StoreError.blobNotFound(digest))".contains(digest.description))
    }

    @Test func tamperedBlobIsReportedCorrupt() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let digest = try temp.store.put(Array("original".utf8))
        try Data("tampered".utf8).write(to: temp.store.url(for: digest))
        #expect(throws: StoreError.corruptBlob(digest, actual: Digest.of(text: "tampered"))) {
            try temp.store.get(digest)
        }
    }

    @Test(arguments: [0, 1, 4095, 1 << 20, (1 << 20) + 17])
    func streamingPutHashesAndStoresEveryChunk(size: Int) throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var offset = 0
        let result = try temp.store.put(streaming: {
            let end = min(bytes.count, offset + 1000)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }, expecting: Digest.of(bytes))
        #expect(result.digest == Digest.of(bytes))
        #expect(result.size == size)
        #expect(try temp.store.get(result.digest) == bytes)
    }

    @Test func streamingPutWithWrongDigestLeavesNoBlobAndNoTemporaryFile() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        var sent = false
        #expect(throws: StoreError.self) {
            try temp.store.put(streaming: {
                defer { sent = true }
                return sent ? [] : Array("abc".utf8)
            }, expecting: Digest.of(text: "xyz"))
        }
        #expect(temp.store.allDigests().isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temp.store.temporaryDirectory.path)
        #expect(leftovers.isEmpty)
    }

    @Test func putContentsOfFileStreamsTheFile() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let file = temp.root.appendingPathComponent("input.bin")
        let bytes = [UInt8](repeating: 0x5a, count: 3 << 20)
        try Data(bytes).write(to: file)
        let result = try temp.store.put(contentsOf: file)
        #expect(result.digest == Digest.of(bytes))
        #expect(result.size == bytes.count)
    }

    @Test func readStreamsChunksThenVerifies() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let bytes = [UInt8](repeating: 1, count: 10_000)
        let digest = try temp.store.put(bytes)
        var chunks = 0
        var total = 0
        try temp.store.read(digest, chunk: 4096) { chunks += 1; total += $0.count }
        #expect(chunks == 3)
        #expect(total == bytes.count)
    }

    @Test func twoConcurrentWritersOfManyBlobsLeaveEveryBlobIntact() async throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let store = temp.store
        let blobs = (0..<40).map { index in Array("blob \(index % 20) ".utf8) + [UInt8](repeating: UInt8(index % 20), count: 50_000) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                let mine = writer == 0 ? blobs : blobs.reversed()
                group.addTask {
                    let other = try ContentStore(root: store.root)
                    for blob in mine { try other.put(blob) }
                }
            }
            try await group.waitForAll()
        }
        let distinct = Set(blobs.map { Digest.of($0) })
        #expect(Set(store.allDigests()) == distinct)
        for blob in blobs { #expect(try store.get(Digest.of(blob)) == blob) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory.path).isEmpty)
    }
}

@Suite struct TemporaryFileTests {
    @Test func staleTemporaryFilesAreRemovedAndFreshOnesKept() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let writer = try temp.store.writer()
        try writer.write(Array("in flight".utf8))
        #expect(temp.store.removeStaleTemporaryFiles(olderThan: 60) == 0)
        #expect(temp.store.removeStaleTemporaryFiles(olderThan: 60, now: Date().addingTimeInterval(120)) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.store.temporaryDirectory.path).isEmpty)
    }

    @Test func discardedWriterLeavesNothing() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        do {
            let writer = try temp.store.writer()
            try writer.write(Array("dropped".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.store.temporaryDirectory.path).isEmpty)
        #expect(temp.store.allDigests().isEmpty)
    }
}
