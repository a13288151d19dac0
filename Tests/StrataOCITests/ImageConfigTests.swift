import Foundation
import StrataSupport
import Testing

@testable import StrataOCI

@Suite struct ImageConfigTests {
    @Test func buildkitConfigDecodesEveryContainerField() throws {
        let config = try JSONDecoder().decode(ImageConfig.self, from: Fixture.data("two-config.json"))
        #expect(config.architecture == "amd64")
        #expect(config.os == "linux")
        #expect(config.created == "2026-11-24T03:31:57.546889404Z")
        let run = try #require(config.config)
        #expect(run.user == "1000:1000")
        #expect(run.exposedPorts == ["8080/tcp": EmptyObject()])
        #expect(run.env == ["PATH=/bin", "GREETING=hello"])
        #expect(run.entrypoint == ["/bin/app"])
        #expect(run.cmd == ["--serve"])
        #expect(run.volumes == ["/data": EmptyObject()])
        #expect(run.workingDir == "/data")
        #expect(run.labels == ["org.example.purpose": "strata fixture"])
        #expect(run.stopSignal == "SIGTERM")
        #expect(run.argsEscaped == true)
        #expect(run.onBuild == nil)
        #expect(config.rootfs.type == "layers")
        #expect(config.diffIDs.count == 3)
        let history = try #require(config.history)
        #expect(history.count == 11)
        #expect(history.filter(\.hasLayer).count == config.diffIDs.count)
        #expect(history[0].createdBy == "LABEL org.example.purpose=strata fixture")
        #expect(history[0].comment == "buildkit.dockerfile.v0")
        #expect(history[0].emptyLayer == true)
    }

    @Test(arguments: ["two-config.json", "tiny-config.json"])
    func reencodingKeepsEveryNonNullField(fixture: String) throws {
        let original = try Fixture.data(fixture)
        let config = try JSONDecoder().decode(ImageConfig.self, from: original)
        let encoded = try StableJSON.encode(config)
        // Encoding is a fixed point: empty values are dropped once, then stay dropped.
        #expect(try StableJSON.encode(JSONDecoder().decode(ImageConfig.self, from: encoded)) == encoded)
        // Every field of the original that is not null or empty survives with its value.
        let before = try JSONDecoder().decode(JSONValue.self, from: original)
        let after = try JSONDecoder().decode(JSONValue.self, from: encoded)
        #expect(Self.prune(before) == Self.prune(after))
    }

    @Test func dockerOnlyFieldsAreKeptAsExtra() throws {
        let config = try JSONDecoder().decode(ImageConfig.self, from: Fixture.data("tiny-config.json"))
        #expect(config.extra["docker_version"] == .string("20.10.24+dfsg1"))
        #expect(config.extra["comment"] == .string("tiny rootfs"))
        if case .object(let container)? = config.extra["container_config"] {
            #expect(container["Tty"] == .bool(false))
        } else {
            Issue.record("container_config was not kept")
        }
        #expect(config.config?.extra["Hostname"] == .string(""))
    }

    @Test func unknownFieldsKeepExactIntegersFractionsAndNesting() throws {
        let json = #"{"architecture":"arm64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"x-size":9007199254740993,"x-ratio":0.25,"x-nested":{"a":[1,"b",null,true]}}"#
        let config = try JSONDecoder().decode(ImageConfig.self, from: Data(json.utf8))
        #expect(config.extra["x-size"] == .integer(9_007_199_254_740_993))
        #expect(config.extra["x-ratio"] == .number(0.25))
        #expect(config.extra["x-nested"] == .object(["a": .array([.integer(1), .string("b"), .null, .bool(true)])]))
        let text = String(decoding: try StableJSON.encode(config), as: UTF8.self)
        #expect(text.contains(#""x-size":9007199254740993"#))
        #expect(text.contains(#""x-nested":{"a":[1,"b",null,true]}"#))
    }

    @Test func emptyValuesAreOmittedLikeGoOmitempty() throws {
        let config = ImageConfig(
            config: ContainerConfig(user: "", env: [], cmd: ["sh"], labels: [:], argsEscaped: false),
            rootfs: RootFS(diffIDs: []), history: [History(createdBy: "x", emptyLayer: nil)])
        let text = String(decoding: try StableJSON.encode(config), as: UTF8.self)
        #expect(text == #"{"architecture":"amd64","config":{"Cmd":["sh"]},"history":[{"created_by":"x"}],"os":"linux","rootfs":{"diff_ids":[],"type":"layers"}}"#)
    }

    @Test func manifestAndIndexRoundTripWithMediaTypes() throws {
        let layer = Descriptor(mediaType: MediaType.ociLayerGzip, digest: Digest.of(text: "layer"), size: 5)
        let config = Descriptor(mediaType: MediaType.ociConfig, digest: Digest.of(text: "config"), size: 6)
        let manifest = ImageManifest(config: config, layers: [layer])
        let data = try StableJSON.encode(manifest)
        #expect(try JSONDecoder().decode(ImageManifest.self, from: data) == manifest)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"config":{"digest":"sha256:"#))
        #expect(!text.contains("annotations"))
        let index = ImageIndex(manifests: [Descriptor(mediaType: MediaType.ociManifest, digest: Digest.of(data), size: data.count, annotations: [AnnotationKey.refName: "1"], platform: Platform(architecture: "amd64", os: "linux", osVersion: "10"))])
        let indexData = try StableJSON.encode(index)
        #expect(String(decoding: indexData, as: UTF8.self).contains(#""os.version":"10""#))
        #expect(try JSONDecoder().decode(ImageIndex.self, from: indexData) == index)
    }

    /// Drops nulls, empty strings, empty lists and empty objects, which omitempty would not write.
    static func prune(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: return nil
        case .string(let s): return s.isEmpty ? nil : value
        case .array(let items):
            return items.isEmpty ? nil : .array(items.map { prune($0) ?? .null })
        case .object(let fields):
            let kept = fields.compactMapValues { prune($0) }
            return kept.isEmpty ? nil : .object(kept)
        case .bool, .integer, .number: return value
        }
    }
}
