import Foundation
import StrataArchive
import StrataExport
import StrataOCI
import StrataStore
import StrataSupport
import Testing

@testable import StrataExport

@Suite struct ImageLoaderTests {
    static let tinyConfig = "sha256:a049720a003efd851fefdb4799bb19462b991212256fd0b9bc7d271415eebfe3"
    static let twoConfig = "sha256:a1ee46dafdf589131a756948a7560bcce1d0bcd1e22bd4a6c21b72da7a628964"

    @Test func loadsAnImportedImageFromDocker20Save() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let images = try ImageLoader(store: store).load(archive: Fixture.url("tiny-docker.tar"))
        #expect(images.count == 1)
        #expect(images[0].config.description == Self.tinyConfig)
        #expect(images[0].names == ["strata-fixture/tiny:1"])
        let manifest = try store.manifest(images[0].manifest)
        #expect(manifest.layers.map(\.mediaType) == [MediaType.ociLayer])
        #expect(try ImageIndexStore(store: store).resolve("strata-fixture/tiny:1").config == images[0].config)
        // Only the image's blobs are kept, not VERSION, json or manifest.json.
        #expect(Set(store.allDigests()) == Set([images[0].manifest, images[0].config] + manifest.layers.map(\.digest)))
    }

    @Test func loadsABuildKitImageAndChecksEveryDiffID() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let images = try ImageLoader(store: store).load(archive: Fixture.url("two-docker.tar"))
        let image = try #require(images.first)
        #expect(image.config.description == Self.twoConfig)
        let config = try store.config(image.config)
        #expect(config.config?.cmd == ["--serve"])
        let manifest = try store.manifest(image.manifest)
        #expect(manifest.layers.count == 3)
        #expect(manifest.config.mediaType == MediaType.ociConfig)
        #expect(manifest.config.size == (try store.size(of: image.config)))
    }

    @Test func loadsTwoImagesWhoseSharedLayerDockerSavedAsASymlink() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let images = try ImageLoader(store: store).load(archive: Fixture.url("shared-docker.tar"))
        #expect(Set(images.flatMap(\.names)) == ["strata-fixture/tiny:1", "strata-fixture/tiny-child:1"])
        let child = try ImageIndexStore(store: store).resolve("strata-fixture/tiny-child:1")
        let parent = try ImageIndexStore(store: store).resolve("strata-fixture/tiny:1")
        let childLayers = try store.manifest(child.manifest).layers
        #expect(childLayers.count == 2)
        #expect(childLayers.first == (try store.manifest(parent.manifest).layers.first))
    }

    @Test func twoLoadersOfTheSameArchivesIntoOneStoreBothSucceed() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let root = temp.url
        try await withThrowingTaskGroup(of: [LoadedImage].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let loader = ImageLoader(store: try ContentStore(root: root))
                    var images: [LoadedImage] = []
                    for _ in 0..<5 {
                        images += try loader.load(archive: Fixture.url("shared-docker.tar"))
                        images += try loader.load(archive: Fixture.url("two-docker.tar"))
                    }
                    return images
                }
            }
            for try await images in group { #expect(images.count == 15) }
        }
        let index = ImageIndexStore(store: try ContentStore(root: root))
        #expect(try index.list().count == 3)
        for record in try index.list() { #expect(throws: Never.self) { try index.image(record.name) } }
    }

    @Test(arguments: [
        ("../9e18/layer.tar", "efc7/layer.tar", "9e18/layer.tar"),
        ("/abs/x", "a/b/c", "abs/x"),
        ("../../../../etc/passwd", "a/b", "etc/passwd"),
        ("./same", "dir/link", "dir/same"),
    ])
    func symlinkTargetsResolveInsideTheArchive(target: String, link: String, expected: String) {
        #expect(ImageLoader.resolve(target, relativeTo: link) == expected)
    }

    @Test func loadsAnOCIArchiveWithGzipLayersKeepingItsManifest() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let loader = ImageLoader(store: store)
        let images = try loader.load(archive: Fixture.url("two-oci-gzip.tar"))
        let image = try #require(images.first)
        // skopeo's index.json names only the tag "1", which is not an image name.
        #expect(image.names.isEmpty)
        #expect(image.manifest.description == "sha256:00f04a129f5990a3742ab7097c3f0e24408a8416cd6f0818d1bc09e60f25c194")
        #expect(try store.manifest(image.manifest).layers.allSatisfy { $0.mediaType == MediaType.ociLayerGzip })
        let named = try loader.load(archive: Fixture.url("two-oci-gzip.tar"), name: ImageReference(parsing: "two-gzip:1"))
        #expect(named.first?.names == ["two-gzip:1"])
        #expect(try ImageIndexStore(store: store).resolve("two-gzip:1").manifest == image.manifest)
    }

    @Test func loadsADockerSchema2ManifestInsideAnOCILayout() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let images = try ImageLoader(store: store).load(archive: Fixture.url("tiny-oci-v2s2.tar"), name: ImageReference(parsing: "v2s2"))
        let image = try #require(images.first)
        #expect(image.names == ["v2s2:latest"])
        #expect(image.config.description == Self.tinyConfig)
        let manifest = try store.manifest(image.manifest)
        #expect(manifest.mediaType == MediaType.dockerManifest)
        #expect(manifest.config.mediaType == MediaType.dockerConfig)
        #expect(manifest.layers.map(\.mediaType) == [MediaType.dockerLayerGzip])
    }

    @Test func gzippedArchiveLoadsLikeThePlainOne() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let gz = temp.url.appendingPathComponent("tiny.tar.gz")
        try Data(Gzip.compress([UInt8](Fixture.data("tiny-docker.tar")))).write(to: gz)
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        let images = try ImageLoader(store: store).load(archive: gz)
        #expect(images.first?.config.description == Self.tinyConfig)
    }

    @Test func layerThatDoesNotMatchItsDiffIDIsRejectedAndNothingIsKept() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        // Rewrite the fixture with one byte of the layer changed.
        var reader = TarReader(try FileSource(path: Fixture.url("tiny-docker.tar").path))
        var writer = TarWriter()
        while let header = try reader.next() {
            var contents = header.kind == .file ? try reader.readContents() : []
            if header.path.hasSuffix("layer.tar") { contents[600] ^= 0xff }
            writer.append(header, contents: contents)
        }
        let bad = temp.url.appendingPathComponent("bad.tar")
        try Data(writer.finish()).write(to: bad)
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        #expect {
            try ImageLoader(store: store).load(archive: bad)
        } throws: { error in
            guard case ExportError.diffIDMismatch(let archive, _, let expected, _) = error else { return false }
            return archive == "bad.tar" && expected.description == "sha256:c4e949319fba3a3eebd7fc565397aff4cdd19e85065041e9329550e466e1d493"
        }
        // The layer blob stays for garbage collection; no config, manifest or tag was written.
        #expect(store.allDigests().count == 1)
        #expect(!store.contains(try Digest(parsing: Self.tinyConfig)))
        #expect(try ImageIndexStore(store: store).list().isEmpty)
    }

    @Test func blobWhoseNameIsNotItsDigestIsRejected() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        var writer = TarWriter()
        let fakeName = String(repeating: "0", count: 64)
        writer.append(TarHeader(path: "oci-layout", kind: .file), contents: Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8))
        writer.append(TarHeader(path: "blobs/sha256/\(fakeName)", kind: .file), contents: Array("not that".utf8))
        let archive = temp.url.appendingPathComponent("lying.tar")
        try Data(writer.finish()).write(to: archive)
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        #expect(throws: ExportError.blobNameMismatch(archive: "lying.tar", entry: "blobs/sha256/\(fakeName)", actual: Digest.of(text: "not that"))) {
            try ImageLoader(store: store).load(archive: archive)
        }
    }

    @Test func archiveWithoutManifestIsNotAnImage() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        var writer = TarWriter()
        writer.append(TarHeader(path: "hello.txt", kind: .file), contents: Array("hi".utf8))
        let archive = temp.url.appendingPathComponent("plain.tar")
        try Data(writer.finish()).write(to: archive)
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        #expect(throws: ExportError.notAnImageArchive(archive: "plain.tar")) { try ImageLoader(store: store).load(archive: archive) }
        #expect(try ImageIndexStore(store: store).list().isEmpty)
    }
}

@Suite struct LayoutDirectoryTests {
    @Test(.enabled(if: ExternalTool.available("/usr/bin/tar")))
    func loadsAnUnpackedOCILayoutDirectory() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let layout = temp.url.appendingPathComponent("layout")
        try FileManager.default.createDirectory(at: layout, withIntermediateDirectories: true)
        #expect(try ExternalTool.run("/usr/bin/tar", ["-C", layout.path, "-xf", Fixture.url("two-oci-gzip.tar").path]).status == 0)
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        let images = try ImageLoader(store: store).load(archive: layout, name: ImageReference(parsing: "dir:1"))
        #expect(images.first?.manifest.description == "sha256:00f04a129f5990a3742ab7097c3f0e24408a8416cd6f0818d1bc09e60f25c194")
        #expect(images.first?.names == ["dir:1"])
        // index.json and oci-layout were read, not kept.
        let manifest = try store.manifest(try #require(images.first).manifest)
        #expect(store.allDigests().count == 2 + manifest.layers.count)
    }
}
