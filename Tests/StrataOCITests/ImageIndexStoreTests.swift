import Foundation
import StrataStore
import StrataSupport
import Testing

@testable import StrataOCI

@Suite struct ImageIndexStoreTests {
    static func digest(_ text: String) -> Digest { Digest.of(text: text) }

    @Test func taggedImagesAreListedAndResolvedByName() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let index = ImageIndexStore(store: try ContentStore(root: temp.url))
        try index.tag(ImageReference(parsing: "busybox"), manifest: Self.digest("m1"), config: Self.digest("c1"))
        try index.tag(ImageReference(parsing: "docker.io/library/alpine:3"), manifest: Self.digest("m2"), config: Self.digest("c2"))
        #expect(try index.list().map(\.name) == ["alpine:3", "busybox:latest"])
        #expect(try index.resolve("busybox").manifest == Self.digest("m1"))
        #expect(try index.resolve("busybox:latest").manifest == Self.digest("m1"))
        #expect(try index.resolve("docker.io/library/alpine:3").config == Self.digest("c2"))
        #expect(throws: OCIError.noSuchImage("alpine")) { try index.resolve("alpine") }
    }

    @Test func retaggingMovesTheName() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let index = ImageIndexStore(store: try ContentStore(root: temp.url))
        let name = try ImageReference(parsing: "app:1")
        try index.tag(name, manifest: Self.digest("old"), config: Self.digest("oldc"))
        try index.tag(name, manifest: Self.digest("new"), config: Self.digest("newc"))
        #expect(try index.list() == [ImageRecord(name: "app:1", manifest: Self.digest("new"), config: Self.digest("newc"))])
    }

    @Test func resolvesByImageIDPrefixAndManifestDigest() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let index = ImageIndexStore(store: try ContentStore(root: temp.url))
        let config = Self.digest("c1")
        try index.tag(ImageReference(parsing: "one"), manifest: Self.digest("m1"), config: config)
        try index.tag(ImageReference(parsing: "other"), manifest: Self.digest("m2"), config: Self.digest("c2"))
        #expect(try index.resolve(config.short).name == "one:latest")
        #expect(try index.resolve(String(config.hex.prefix(4))).name == "one:latest")
        #expect(try index.resolve(config.description).name == "one:latest")
        #expect(try index.resolve("one@\(Self.digest("m1"))").name == "one:latest")
        #expect(throws: OCIError.noSuchImage("ffffffffffff")) { try index.resolve("ffffffffffff") }
    }

    @Test func prefixMatchingTwoImagesIsAmbiguous() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let index = ImageIndexStore(store: try ContentStore(root: temp.url))
        // Find two configs whose IDs share a first hex digit.
        let configs = (0..<40).map { Self.digest("c\($0)") }
        let grouped = Dictionary(grouping: configs) { $0.hex.prefix(1) }
        let pair = try #require(grouped.keys.sorted().lazy.compactMap { grouped[$0] }.first { $0.count >= 2 })
        // Names that are not hex, so the prefix cannot be read as a name.
        try index.tag(ImageReference(parsing: "image-one"), manifest: Self.digest("ma"), config: pair[0])
        try index.tag(ImageReference(parsing: "image-two"), manifest: Self.digest("mb"), config: pair[1])
        let prefix = String(pair[0].hex.prefix(1))
        #expect(throws: OCIError.ambiguousImageID(prefix, candidates: [pair[0], pair[1]].sorted().map(\.short))) {
            try index.resolve(prefix)
        }
    }

    @Test func removeDropsOnlyTheName() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let index = ImageIndexStore(store: try ContentStore(root: temp.url))
        try index.tag(ImageReference(parsing: "a:1"), manifest: Self.digest("m"), config: Self.digest("c"))
        try index.tag(ImageReference(parsing: "a:2"), manifest: Self.digest("m"), config: Self.digest("c"))
        let removed = try index.remove(ImageReference(parsing: "a:1"))
        #expect(removed.name == "a:1")
        #expect(try index.list().map(\.name) == ["a:2"])
        #expect(throws: OCIError.noSuchImage("a:1")) { try index.remove(ImageReference(parsing: "a:1")) }
    }

    @Test func concurrentTaggersFromSeparateStoreHandlesKeepEveryTag() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let root = temp.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let index = ImageIndexStore(store: try ContentStore(root: root))
                    for n in 0..<25 {
                        try index.tag(ImageReference(parsing: "w\(writer):\(n)"), manifest: Self.digest("m\(n)"), config: Self.digest("c\(n)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try ImageIndexStore(store: ContentStore(root: root)).list().count == 50)
    }
}

@Suite struct GarbageCollectionTests {
    @Test func unreferencedOldBlobsGoAndEverythingAnImageNeedsStays() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let layer = try store.put(Array("layer".utf8))
        let stored = try store.putImage(
            config: ImageConfig(rootfs: RootFS(diffIDs: [layer])),
            layers: [Descriptor(mediaType: MediaType.ociLayer, digest: layer, size: 5)])
        let index = ImageIndexStore(store: store)
        try index.tag(ImageReference(parsing: "kept"), manifest: stored.manifest.digest, config: stored.config.digest)
        let orphan = try store.put(Array("orphan".utf8))
        let cached = try store.put(Array("cache".utf8))

        // Young orphans survive the grace period.
        #expect(try index.collectGarbage(keeping: [cached]).isEmpty)
        let later = Date().addingTimeInterval(7200)
        #expect(try index.collectGarbage(keeping: [cached], now: later) == [orphan])
        #expect(Set(store.allDigests()) == [layer, stored.manifest.digest, stored.config.digest, cached])

        try index.remove(ImageReference(parsing: "kept"))
        #expect(Set(try index.collectGarbage(now: later)) == [layer, stored.manifest.digest, stored.config.digest, cached])
        #expect(store.allDigests().isEmpty)
    }
}
