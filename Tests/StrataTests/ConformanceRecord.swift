import Foundation
import Strata
import StrataArchive
import StrataOCI
import StrataSupport

/// The normalised record `Scripts/record-conformance` writes for real BuildKit, made here from
/// a Strata build, so the two can be compared field by field.
enum ConformanceRecord {
    /// `{"layerCount", "layers", "config", "history"}` for an image in Strata's store.
    static func image(_ engine: Engine, reference: String, baseDiffIDs: [String]) throws -> [String: Any] {
        let stored = try engine.image(reference)
        var layers: [Any] = []
        for (index, descriptor) in stored.manifest.layers.enumerated() {
            let diffID = index < stored.config.diffIDs.count ? stored.config.diffIDs[index].description : ""
            if index < baseDiffIDs.count && diffID == baseDiffIDs[index] {
                layers.append(["base": "busybox:sim"])
                continue
            }
            let source = try decompressingIfNeeded(FileSource(path: engine.store.url(for: descriptor.digest).path))
            layers.append(["entries": try entries(AnyByteSource(source))])
        }
        let configJSON = try JSONSerialization.jsonObject(with: Data(try engine.store.get(stored.record.config))) as? [String: Any] ?? [:]
        var config = configJSON.filter { !["created", "history", "rootfs"].contains($0.key) }
        let rootfs = configJSON["rootfs"] as? [String: Any] ?? [:]
        config["rootfs"] = ["type": rootfs["type"] ?? NSNull(), "layerCount": (rootfs["diff_ids"] as? [Any])?.count ?? 0]
        let history = (configJSON["history"] as? [[String: Any]] ?? []).map { $0.filter { $0.key != "created" } }
        return ["layerCount": stored.manifest.layers.count, "layers": layers, "config": config, "history": history]
    }

    static func entries(_ source: some ByteSource) throws -> [[String: Any]] {
        var reader = TarReader(source)
        var result: [[String: Any]] = []
        while let header = try reader.next() {
            var entry: [String: Any] = [
                "path": header.path.hasSuffix("/") && header.path != "/" ? String(header.path.dropLast()) : header.path,
                "type": type(header.kind), "mode": String(format: "%04o", header.mode & 0o7777),
                "uid": header.uid, "gid": header.gid, "size": header.kind == .file ? header.size : 0,
            ]
            if header.kind == .file {
                var hasher = SHA256Hasher()
                try reader.readContents { hasher.update($0) }
                entry["sha256"] = hasher.digest
            }
            if header.kind == .symlink || header.kind == .hardlink { entry["linkname"] = header.linkTarget }
            result.append(entry)
        }
        return result
    }

    static func type(_ kind: TarHeader.Kind) -> String {
        switch kind {
        case .file: "file"
        case .directory: "dir"
        case .symlink: "symlink"
        case .hardlink: "hardlink"
        case .characterDevice: "char"
        case .blockDevice: "block"
        case .fifo: "fifo"
        case .other(let flag): "type-\(flag)"
        }
    }

    /// Removes what the recorder leaves out or docker writes as null: `text` (a readable copy of
    /// small files), `pax`, and null-valued keys.
    static func normalise(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, item) in object where !(item is NSNull) && key != "text" && key != "pax" {
                result[key] = normalise(item)
            }
            return result
        }
        if let array = value as? [Any] { return array.map(normalise) }
        return value
    }

    /// Differences between two normalised JSON values, as readable lines (at most `limit`).
    static func differences(_ expected: Any, _ actual: Any, path: String = "", limit: Int = 12) -> [String] {
        var out: [String] = []
        func walk(_ a: Any, _ b: Any, _ path: String) {
            guard out.count < limit else { return }
            if let a = a as? [String: Any], let b = b as? [String: Any] {
                for key in Set(a.keys).union(b.keys).sorted() {
                    switch (a[key], b[key]) {
                    case (let x?, let y?): walk(x, y, path + "." + key)
                    case (let x?, nil): out.append("\(path).\(key): BuildKit has \(describe(x)), Strata has nothing")
                    case (nil, let y?): out.append("\(path).\(key): Strata has \(describe(y)), BuildKit has nothing")
                    default: break
                    }
                }
            } else if let a = a as? [Any], let b = b as? [Any] {
                if a.count != b.count { out.append("\(path): BuildKit has \(a.count) items, Strata \(b.count): \(describe(a)) vs \(describe(b))") ; return }
                for (index, pair) in zip(a, b).enumerated() { walk(pair.0, pair.1, "\(path)[\(index)]") }
            } else if describe(a) != describe(b) {
                out.append("\(path): BuildKit \(describe(a)), Strata \(describe(b))")
            }
        }
        walk(expected, actual, path)
        return out
    }

    static func describe(_ value: Any) -> String {
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) {
            let text = String(decoding: data, as: UTF8.self)
            return text.count > 300 ? String(text.prefix(300)) + "…" : text
        }
        return "\(value)"
    }
}

/// Incremental SHA-256 producing `sha256:<hex>`.
struct SHA256Hasher {
    private var hasher = SHA256()
    mutating func update(_ bytes: [UInt8]) { hasher.update(bytes) }
    var digest: String {
        var copy = hasher
        return "sha256:" + Hex.encode(copy.finalize())
    }
}
