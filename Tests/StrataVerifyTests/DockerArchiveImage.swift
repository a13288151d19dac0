import Foundation
import StrataArchive

@testable import StrataVerify

/// A `docker save` archive read into memory, as an `AuditableImage`. Test-only: the real
/// loader lives in StrataExport; this one exists so that audits can be checked against
/// images built by real BuildKit.
struct DockerArchiveImage: AuditableImage {
    var configJSON: [UInt8]
    var layers: [[UInt8]]
    var layerCount: Int { layers.count }

    init(path: String) throws {
        var reader = TarReader(try FileSource(path: path))
        var files: [String: [UInt8]] = [:]
        while let header = try reader.next() {
            if header.kind == .file { files[header.path] = try reader.readContents(limit: 256 << 20) }
        }
        struct Entry: Decodable {
            var Config: String
            var Layers: [String]
        }
        guard let manifestBytes = files["manifest.json"],
            let entry = try JSONDecoder().decode([Entry].self, from: Data(manifestBytes)).first,
            let config = files[entry.Config]
        else { throw ArchiveError.badHeader("not a docker archive") }
        configJSON = config
        layers = try entry.Layers.map { name in
            guard let layer = files[name] else { throw ArchiveError.badHeader("missing \(name)") }
            return layer
        }
    }

    func openLayer(_ index: Int) throws -> any ByteSource { BufferSource(layers[index]) }
}
