import Foundation
import StrataArchive
import StrataExport
import StrataOCI
import StrataStore
import StrataSupport
import Testing

@Suite struct BuiltinImagesTests {
    /// Every entry of the busybox layer, by path.
    static func layerEntries() throws -> [String: (TarHeader, [UInt8])] {
        var reader = TarReader(BufferSource(BuiltinImages.busybox().layer))
        var entries: [String: (TarHeader, [UInt8])] = [:]
        while let header = try reader.next() {
            entries[header.path] = (header, header.kind == .file ? try reader.readContents() : [])
        }
        return entries
    }

    @Test func busyboxImageIsByteForByteDeterministic() throws {
        let first = BuiltinImages.busybox()
        let second = BuiltinImages.busybox()
        #expect(first == second)
        #expect(try StableJSON.encode(first.config) == StableJSON.encode(second.config))
        #expect(first.config.diffIDs == [Digest.of(first.layer)])
    }

    @Test func busyboxConfigRunsShWithTheStandardPath() {
        let config = BuiltinImages.busybox().config
        #expect(config.architecture == "amd64")
        #expect(config.os == "linux")
        #expect(config.config?.cmd == ["sh"])
        #expect(config.config?.env == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(config.history?.filter(\.hasLayer).count == 1)
        #expect(config.history?.last?.createdBy == "CMD [\"sh\"]")
    }

    @Test(arguments: ["bin/sh", "bin/ls", "bin/cat", "usr/bin/env", "sbin/ifconfig", "usr/bin/[", "bin/echo", "usr/bin/wget"])
    func appletsAreSymlinksToBinBusybox(path: String) throws {
        let entry = try #require(try Self.layerEntries()[path])
        #expect(entry.0.kind == .symlink)
        #expect(entry.0.linkTarget == "/bin/busybox")
    }

    @Test func layoutHasBusyboxDirectoriesAccountsAndPlaceholder() throws {
        let entries = try Self.layerEntries()
        for directory in ["bin/", "dev/", "etc/", "home/", "root/", "tmp/", "usr/bin/", "usr/sbin/", "sbin/", "var/", "proc/", "sys/"] {
            #expect(entries[directory]?.0.kind == .directory, "\(directory)")
        }
        #expect(entries["tmp/"]?.0.mode == 0o1777)
        #expect(entries["bin/busybox"]?.0.kind == .file)
        #expect(entries["bin/busybox"]?.0.mode == 0o755)
        let passwd = String(decoding: try #require(entries["etc/passwd"]).1, as: UTF8.self)
        for user in ["root:x:0:0:", "daemon:x:1:", "bin:x:2:", "sys:x:3:", "nobody:x:65534:65534:"] {
            #expect(passwd.contains(user), "\(user)")
        }
        let group = String(decoding: try #require(entries["etc/group"]).1, as: UTF8.self)
        #expect(group.hasPrefix("root:x:0:\n"))
        #expect(group.contains("nogroup:x:65534:"))
        // Every entry's parent directory is in the layer, and nothing has a timestamp.
        for (path, entry) in entries {
            #expect(entry.0.modificationTime == 0)
            let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
            if let slash = trimmed.lastIndex(of: "/") { #expect(entries[String(trimmed[...slash])] != nil, "parent of \(path)") }
        }
        #expect(entries.values.filter { $0.0.kind == .symlink }.count == 268)
    }

    @Test func installTagsBusyboxOnceAndNeverReplacesAnExistingOne() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url)
        let record = try #require(try BuiltinImages.installBusybox(into: store))
        #expect(record.name == "busybox:latest")
        #expect(try ImageIndexStore(store: store).resolve("busybox").config == record.config)
        #expect(try store.config(record.config) == BuiltinImages.busybox().config)
        #expect(try BuiltinImages.installBusybox(into: store) == nil)

        let other = try ContentStore(root: temp.url.appendingPathComponent("other"))
        try ImageLoader(store: other).load(archive: Fixture.url("tiny-docker.tar"), name: ImageReference(parsing: "busybox"))
        #expect(try BuiltinImages.installBusybox(into: other) == nil)
        #expect(try ImageIndexStore(store: other).resolve("busybox").config.description == ImageLoaderTests.tinyConfig)
    }

    @Test func installedDigestsAreTheSameInEveryStore() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let a = try #require(try BuiltinImages.installBusybox(into: ContentStore(root: temp.url.appendingPathComponent("a"))))
        let b = try #require(try BuiltinImages.installBusybox(into: ContentStore(root: temp.url.appendingPathComponent("b"))))
        #expect(a == b)
        // Pinned: a change here changes every image built FROM busybox; do it on purpose only.
        #expect(a.manifest.description == "sha256:b35a5122b79418c4c965180168bb9dc123612acaa603a8230a696bd3509714f3")
        #expect(a.config.description == "sha256:18803aa3e3c178de90d9c28e6120381efc4599a3d262f555aaf95b6716d0fc6f")
    }

    @Test(.enabled(if: ExternalTool.available("/usr/bin/umoci")))
    func umociUnpacksTheBuiltinBusybox() throws {
        let temp = try TemporaryDirectory()
        defer { temp.cleanup() }
        let store = try ContentStore(root: temp.url.appendingPathComponent("store"))
        let record = try #require(try BuiltinImages.installBusybox(into: store))
        let archive = temp.url.appendingPathComponent("busybox.tar")
        try ImageSaver(store: store).save([record], format: .ociArchive, to: archive)
        let layout = temp.url.appendingPathComponent("layout")
        try FileManager.default.createDirectory(at: layout, withIntermediateDirectories: true)
        #expect(try ExternalTool.run("/usr/bin/tar", ["-C", layout.path, "-xf", archive.path]).status == 0)
        let bundle = temp.url.appendingPathComponent("bundle")
        let result = try ExternalTool.run("/usr/bin/umoci", ["unpack", "--rootless", "--image", "\(layout.path):latest", bundle.path])
        #expect(result.status == 0, "\(result.error)")
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: bundle.appendingPathComponent("rootfs/bin/sh").path)
        #expect(target == "/bin/busybox")
    }
}
