import Foundation
import StrataArchive
import Testing
@testable import StrataFS

/// Replays the images saved by BUILDKIT-DIFFER.md's script (`docker save` output per case)
/// when `STRATA_BUILDKIT_LAYERS` names their directory: every real layer applies, and
/// re-diffing the last one gives the very entries BuildKit wrote, except for times.
@Suite(.enabled(if: RealLayers.directory != nil, "set STRATA_BUILDKIT_LAYERS to the script's out/ directory"))
struct RealLayerTests {

    struct Manifest: Decodable {
        var Layers: [String]
    }

    static func headers(_ bytes: [UInt8]) throws -> [TarHeader] {
        var reader = TarReader(BufferSource(bytes))
        var out: [TarHeader] = []
        while let header = try reader.next() { out.append(header) }
        return out
    }

    /// Type, permissions, size, path and link; leading "./" and trailing "/" unified.
    static func line(_ h: TarHeader) -> String {
        var path = h.path.hasPrefix("./") ? String(h.path.dropFirst(2)) : h.path
        if path.hasSuffix("/") { path.removeLast() }
        let target = h.linkTarget.isEmpty ? "" : " -> \(h.linkTarget)"
        return "\(RecordedListingTests.symbolic(h)) \(h.kind == .file ? h.size : 0) \(path)\(target)"
    }

    @Test func realLayersApplyAndRediffToTheSameEntries() throws {
        let root = try #require(RealLayers.directory)
        let cases = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(!cases.isEmpty)
        for name in cases {
            let manifestData = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(name)/manifest.json"))
            let manifest = try #require(try JSONDecoder().decode([Manifest].self, from: manifestData).first)
            var lower = Snapshot.empty(store: MemoryBlobStore())
            var upper = lower
            var lastLayer: [UInt8] = []
            for layer in manifest.Layers {
                var source = try FileSource(path: "\(root)/\(name)/\(layer)")
                lastLayer = try source.readAll()
                lower = upper
                upper = try upper.applying(layer: lastLayer)
            }
            let real = try Self.headers(lastLayer).map(Self.line)
            let ours = LayerDiff(from: lower, to: upper).entries.map { Self.line($0.header) }
            #expect(ours == real, "case \(name)")
        }
    }
}

enum RealLayers {
    static var directory: String? {
        guard let path = ProcessInfo.processInfo.environment["STRATA_BUILDKIT_LAYERS"],
            FileManager.default.fileExists(atPath: path)
        else { return nil }
        return path
    }
}
