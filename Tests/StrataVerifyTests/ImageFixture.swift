import Foundation
import StrataArchive

@testable import StrataVerify

/// Builds small images in memory: layers as tars (gzip or not) and a config with history.
struct ImageFixture {
    enum Entry {
        case file(String, String)
        case bytes(String, [UInt8])
        case directory(String)
        case symlink(String, target: String)
    }

    var layers: [[UInt8]] = []
    var history: [[String: Any]] = []
    var config: [String: Any] = [:]

    mutating func layer(_ createdBy: String, gzip: Bool = true, _ entries: [Entry]) throws {
        var writer = TarWriter()
        for entry in entries {
            switch entry {
            case .file(let path, let text): writer.append(TarHeader(path: path, kind: .file), contents: Array(text.utf8))
            case .bytes(let path, let bytes): writer.append(TarHeader(path: path, kind: .file), contents: bytes)
            case .directory(let path): writer.append(TarHeader(path: path, kind: .directory, mode: 0o755))
            case .symlink(let path, let target): writer.append(TarHeader(path: path, kind: .symlink, linkTarget: target))
            }
        }
        let tar = writer.finish()
        layers.append(gzip ? try Gzip.compress(tar) : tar)
        history.append(["created_by": createdBy])
    }

    mutating func emptyStep(_ createdBy: String) {
        history.append(["created_by": createdBy, "empty_layer": true])
    }

    func image() throws -> InMemoryImage {
        var root: [String: Any] = [
            "architecture": "amd64", "os": "linux", "config": config, "history": history,
            "rootfs": ["type": "layers", "diff_ids": layers.map { _ in "sha256:" + String(repeating: "0", count: 64) }],
        ]
        root["created"] = "1970-01-01T00:00:00Z"
        let json = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return InMemoryImage(configJSON: [UInt8](json), layers: layers)
    }
}
