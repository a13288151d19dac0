import Foundation
import StrataArchive
import StrataExport
import StrataOCI
import StrataStore
import StrataSupport
import Testing

@Suite struct ImageSaverTests {
    /// Loads a fixture into a fresh store under `temp` and returns the store and its record.
    static func loaded(_ fixture: String, in temp: TemporaryDirectory, name: String? = nil) throws -> (ContentStore, ImageRecord) {
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        let images = try ImageLoader(store: store).load(archive: Fixture.url(fixture), name: name.map { try ImageReference(parsing: $0) })
        let image = try #require(images.first)
        return (store, try ImageIndexStore(store: store).resolve(image.names.first ?? image.config.hex))
    }

    @Test(arguments: ImageSaver.Format.allCases, ["tiny-docker.tar", "two-docker.tar", "two-oci-gzip.tar", "tiny-oci-v2s2.tar"])
    func loadOfSaveKeepsManifestAndConfigDigests(format: ImageSaver.Format, fixture: String) throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let (store, record) = try Self.loaded(fixture, in: temp, name: fixture.contains("-oci-") ? "gz:1" : nil)
        let archive = temp.url.appendingPathComponent("saved.tar")
        try ImageSaver(store: store).save([record], format: format, to: archive)
        let again = try ContentStore(root: temp.url.appendingPathComponent("again"))
        let images = try ImageLoader(store: again).load(archive: archive)
        #expect(images == [LoadedImage(manifest: record.manifest, config: record.config, names: [record.name])])
    }

    @Test(arguments: ImageSaver.Format.allCases)
    func savingTwiceGivesIdenticalBytesWithSortedEntriesAndZeroTimes(format: ImageSaver.Format) throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let (store, record) = try Self.loaded("two-docker.tar", in: temp)
        let first = temp.url.appendingPathComponent("a.tar")
        let second = temp.url.appendingPathComponent("b.tar")
        try ImageSaver(store: store).save([record], format: format, to: first)
        try ImageSaver(store: store).save([record], format: format, to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        var reader = TarReader(try FileSource(path: first.path))
        var paths: [String] = []
        while let header = try reader.next() {
            #expect(header.modificationTime == 0)
            paths.append(header.path)
        }
        #expect(paths == paths.sorted())
        #expect(paths.contains("manifest.json") == (format == .dockerArchive))
        #expect(paths.contains("index.json") && paths.contains("oci-layout"))
    }

    @Test(.enabled(if: ExternalTool.available("/usr/bin/skopeo")), arguments: ImageSaver.Format.allCases, ["two-docker.tar", "two-oci-gzip.tar", "tiny-oci-v2s2.tar"])
    func skopeoInspectsTheSavedArchive(format: ImageSaver.Format, fixture: String) throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let (store, record) = try Self.loaded(fixture, in: temp, name: "two:1")
        let archive = temp.url.appendingPathComponent("saved.tar")
        try ImageSaver(store: store).save([record], format: format, to: archive)
        let result = try ExternalTool.run("/usr/bin/skopeo", ["inspect", "--config", "\(format.rawValue):\(archive.path)"])
        #expect(result.status == 0, "\(result.error)")
        let config = try JSONDecoder().decode(ImageConfig.self, from: Data(result.output.utf8))
        #expect(config.diffIDs == (try store.config(record.config)).diffIDs)
        let raw = try ExternalTool.run("/usr/bin/skopeo", ["inspect", "--raw", "\(format.rawValue):\(archive.path)"])
        #expect(raw.status == 0, "\(raw.error)")
        if format == .ociArchive {
            #expect(Digest.of(Array(raw.output.utf8)) == record.manifest)
        }
    }

    @Test(.enabled(if: ExternalTool.available("/usr/bin/umoci")))
    func umociUnpacksTheSavedOCILayout() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let (store, record) = try Self.loaded("two-docker.tar", in: temp)
        let layout = temp.url.appendingPathComponent("layout")
        try FileManager.default.createDirectory(at: layout, withIntermediateDirectories: true)
        let archive = temp.url.appendingPathComponent("saved.tar")
        try ImageSaver(store: store).save([record], format: .ociArchive, to: archive)
        #expect(try ExternalTool.run("/usr/bin/tar", ["-C", layout.path, "-xf", archive.path]).status == 0)
        let bundle = temp.url.appendingPathComponent("bundle")
        let result = try ExternalTool.run("/usr/bin/umoci", ["unpack", "--rootless", "--image", "\(layout.path):1", bundle.path])
        #expect(result.status == 0, "\(result.error)")
        let one = try String(contentsOf: bundle.appendingPathComponent("rootfs/data/one.txt"), encoding: .utf8)
        #expect(one == "one\n")
        let two = try String(contentsOf: bundle.appendingPathComponent("rootfs/etc/two.conf"), encoding: .utf8)
        #expect(two == "two two\n")
    }

    @Test(.enabled(if: ExternalTool.available("/usr/bin/umoci")))
    func umociUnpacksALayoutDirectoryAndItLoadsBack() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let (store, record) = try Self.loaded("two-oci-gzip.tar", in: temp, name: "gz:7")
        let layout = temp.url.appendingPathComponent("layout")
        try ImageSaver(store: store).writeLayout([record], to: layout)
        let bundle = temp.url.appendingPathComponent("bundle")
        let result = try ExternalTool.run("/usr/bin/umoci", ["unpack", "--rootless", "--image", "\(layout.path):7", bundle.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("rootfs/data/one.txt").path))
        let again = try ContentStore(root: temp.url.appendingPathComponent("again"))
        let loaded = try ImageLoader(store: again).load(archive: layout)
        #expect(loaded == [LoadedImage(manifest: record.manifest, config: record.config, names: ["gz:7"])])
    }

    @Test(.enabled(if: ExternalTool.dockerDaemonAvailable), arguments: ["tiny-docker.tar", "two-oci-gzip.tar", "tiny-oci-v2s2.tar"])
    func dockerLoadsTheSavedDockerArchive(fixture: String) throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let tag = "strata-test/saved:\(UUID().uuidString.prefix(8).lowercased())"
        let (store, loaded) = try Self.loaded(fixture, in: temp, name: "fixture:1")
        let record = try ImageIndexStore(store: store).tag(ImageReference(parsing: tag), manifest: loaded.manifest, config: loaded.config)
        let archive = temp.url.appendingPathComponent("saved.tar")
        try ImageSaver(store: store).save([record], format: .dockerArchive, to: archive)
        let result = try ExternalTool.run("/usr/bin/docker", ["load", "-i", archive.path])
        defer { _ = try? ExternalTool.run("/usr/bin/docker", ["rmi", tag]) }
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains(tag))
        let id = try ExternalTool.run("/usr/bin/docker", ["image", "inspect", "--format", "{{.Id}}", tag])
        #expect(id.output.trimmingCharacters(in: .whitespacesAndNewlines) == record.config.description)
    }

    @Test(arguments: ImageSaver.Format.allCases)
    func severalImagesAndNamesShareOneArchive(format: ImageSaver.Format) throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        let loader = ImageLoader(store: store)
        try loader.load(archive: Fixture.url("shared-docker.tar"))
        let index = ImageIndexStore(store: store)
        let tiny = try index.resolve("strata-fixture/tiny:1")
        let alias = try index.tag(ImageReference(parsing: "alias:2"), manifest: tiny.manifest, config: tiny.config)
        let records = try index.list()
        #expect(records.count == 3)
        let archive = temp.url.appendingPathComponent("all.tar")
        try ImageSaver(store: store).save(records, format: format, to: archive)

        let again = try ContentStore(root: temp.url.appendingPathComponent("again"))
        let loaded = try ImageLoader(store: again).load(archive: archive)
        // Two images, one of them under two names.
        #expect(loaded.count == 2)
        #expect(loaded.first { $0.manifest == tiny.manifest }?.names.sorted() == ["alias:2", "strata-fixture/tiny:1"])
        #expect(try ImageIndexStore(store: again).list() == records)
        #expect(try ImageIndexStore(store: again).resolve("alias:2") == alias)

        if format == .dockerArchive && ExternalTool.available("/usr/bin/skopeo") {
            let result = try ExternalTool.run("/usr/bin/skopeo", ["inspect", "--config", "docker-archive:\(archive.path):strata-fixture/tiny-child:1"])
            #expect(result.status == 0, "\(result.error)")
            #expect(try JSONDecoder().decode(ImageConfig.self, from: Data(result.output.utf8)).diffIDs.count == 2)
        }
    }
}
