import Foundation
import Testing

@testable import StrataStore

@Suite struct RecordTests {
    @Test func writtenRecordReadsBackAndCanBeReplacedAndRemoved() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        #expect(try temp.store.readRecord("images.json") == nil)
        try temp.store.writeRecord("images.json", Data("{\"a\":1}".utf8))
        #expect(try temp.store.readRecord("images.json") == Data("{\"a\":1}".utf8))
        try temp.store.writeRecord("images.json", Data("{}".utf8))
        #expect(try temp.store.readRecord("images.json") == Data("{}".utf8))
        try temp.store.removeRecord("images.json")
        #expect(try temp.store.readRecord("images.json") == nil)
    }

    @Test(arguments: ["", "../escape", "a/b", ".hidden", "sp ace"])
    func recordNamesThatCouldEscapeAreRejected(name: String) throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        #expect(throws: StoreError.invalidRecordName(name)) { try temp.store.writeRecord(name, Data()) }
    }

    @Test func exclusiveLockSerialisesReadModifyWriteAcrossWriters() async throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let root = temp.root
        try temp.store.writeRecord("counter", Data("0".utf8))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let store = try ContentStore(root: root)
                    for _ in 0..<50 {
                        try store.withLock(.exclusive) {
                            let text = String(decoding: try store.readRecord("counter") ?? Data(), as: UTF8.self)
                            try store.writeRecord("counter", Data(String((Int(text) ?? 0) + 1).utf8))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try temp.store.readRecord("counter") == Data("100".utf8))
    }
}
