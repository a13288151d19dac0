import Foundation
import StrataArchive
import StrataExport
import StrataOCI
import StrataStore
import StrataSupport
import Testing

@Suite struct ImageAssemblyTests {
    static func layerTar(_ file: String, _ text: String) -> [UInt8] {
        var writer = TarWriter()
        writer.append(TarHeader(path: file, kind: .file), contents: Array(text.utf8))
        return writer.finish()
    }

    @Test(arguments: [LayerBlobs.Compression.none, .gzip])
    func assembledImageResolvesAndSurvivesSaveAndLoad(compression: LayerBlobs.Compression) throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        let base = try LayerBlobs.put(tar: Self.layerTar("a.txt", "a\n"), compression: compression, in: store)
        let top = try LayerBlobs.put(tar: Self.layerTar("b.txt", "b\n"), compression: compression, in: store)
        #expect(base.diffID == Digest.of(Self.layerTar("a.txt", "a\n")))
        #expect((base.descriptor.digest == base.diffID) == (compression == .none))
        let config = ImageConfig(
            created: "2026-01-01T00:00:00Z", config: ContainerConfig(cmd: ["sh"]),
            rootfs: RootFS(diffIDs: [base.diffID, top.diffID]),
            history: [History(createdBy: "COPY a.txt /"), History(createdBy: "COPY b.txt /")])
        let stored = try store.putImage(config: config, layers: [base.descriptor, top.descriptor])
        let index = ImageIndexStore(store: store)
        try index.tag(ImageReference(parsing: "assembled:1"), manifest: stored.manifest.digest, config: stored.config.digest)

        let image = try index.image("assembled:1")
        #expect(image.config == config)
        #expect(image.manifest.layers == [base.descriptor, top.descriptor])
        #expect(try index.image(stored.config.digest.short).record.name == "assembled:1")

        let archive = temp.url.appendingPathComponent("out.tar")
        try ImageSaver(store: store).save([image.record], format: .dockerArchive, to: archive)
        let again = try ContentStore(root: temp.url.appendingPathComponent("again"))
        let loaded = try ImageLoader(store: again).load(archive: archive)
        #expect(loaded == [LoadedImage(manifest: stored.manifest.digest, config: stored.config.digest, names: ["assembled:1"])])
    }

    @Test func putImageRefusesLayersThatAreMissingOrMiscounted() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let missing = Descriptor(mediaType: MediaType.ociLayer, digest: Digest.of(text: "nope"), size: 4)
        #expect(throws: StoreError.blobNotFound(missing.digest)) {
            try store.putImage(config: ImageConfig(rootfs: RootFS(diffIDs: [missing.digest])), layers: [missing])
        }
        #expect(throws: OCIError.layerCountMismatch(layers: 1, diffIDs: 0)) {
            try store.putImage(config: ImageConfig(), layers: [missing])
        }
    }

    @Test func oversizedJSONBlobIsRefusedBeforeItIsRead() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let big = try store.put([UInt8](repeating: UInt8(ascii: " "), count: ContentStore.jsonLimit + 1))
        #expect {
            try store.manifest(big)
        } throws: { error in
            guard case OCIError.malformedJSON(let what, let digest, _) = error else { return false }
            return what == "manifest" && digest == big
        }
    }
}
