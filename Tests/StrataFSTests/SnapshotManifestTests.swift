import Foundation
import StrataSupport
import Testing
@testable import StrataFS

@Suite struct SnapshotManifestTests {
    @Test(arguments: 0..<25)
    func manifestRebuildsTheSameSnapshot(seed: Int) throws {
        var gen = RandomTrees(rng: SplitMix(seed: UInt64(seed) + 3000), allowRename: true, allowBaseHardlinks: true)
        let store = MemoryBlobStore()
        let snap = gen.tree(store: store, time: 1234)
        let json = try StableJSON.encode(snap.manifest)
        let decoded = try StableJSON.decode(SnapshotManifest.self, from: json)
        let rebuilt = try Snapshot(manifest: decoded, store: store)
        #expect(rebuilt.digest == snap.digest)
        #expect(try StableJSON.encode(rebuilt.manifest) == json)
    }

    @Test func unknownVersionIsRefused() throws {
        let manifest = SnapshotManifest(version: 99, root: FileMetadata(mode: 0o755), entries: [])
        #expect(throws: FSError.invalid("/", reason: "unsupported snapshot manifest version 99")) {
            try Snapshot(manifest: manifest, store: MemoryBlobStore())
        }
    }
}
