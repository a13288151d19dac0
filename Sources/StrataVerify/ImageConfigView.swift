import Foundation

/// The parts of an OCI/Docker image config the audit reads, parsed defensively from bytes
/// so that the audit needs no OCI types.
///
/// Every string in the config is kept with where it came from: `config.*` keys (Env,
/// Labels, Cmd, Entrypoint, Healthcheck, OnBuild, User, WorkingDir, Volumes, ExposedPorts,
/// and anything else), history entries, and other top-level fields. Object keys count as
/// strings too (label names, volume paths).
struct ImageConfigView {
    struct HistoryEntry {
        var createdBy: String?
        var comment: String?
        var emptyLayer: Bool
    }

    /// A string and where it sits in the config.
    struct Text {
        var place: Finding.Place
        var index: Int?
        var field: String
        var value: String
    }

    var history: [HistoryEntry] = []
    var diffIDs: [String] = []
    var texts: [Text] = []

    init(parsing bytes: [UInt8], limits: AuditLimits) throws {
        guard bytes.count <= limits.configBytes else { throw VerifyError.badConfig("larger than \(limits.configBytes) bytes") }
        if bytes.isEmpty { return }
        try ImageConfigView.checkDepth(bytes, limit: limits.configDepth)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw VerifyError.badConfig("not valid JSON")
        }
        guard let root = parsed as? [String: Any] else { throw VerifyError.badConfig("not a JSON object") }
        for key in root.keys.sorted() {
            guard let value = root[key] else { continue }
            switch key {
            case "config", "container_config":
                guard let object = value as? [String: Any] else { continue }
                for field in object.keys.sorted() {
                    let name = key == "config" ? field : key + "." + field
                    for text in ImageConfigView.strings(in: object[field] as Any) {
                        texts.append(Text(place: .config, field: name, value: text))
                    }
                }
            case "history":
                guard let entries = value as? [Any] else { throw VerifyError.badConfig("history is not an array") }
                for (index, item) in entries.enumerated() {
                    let entry = item as? [String: Any] ?? [:]
                    history.append(HistoryEntry(
                        createdBy: entry["created_by"] as? String, comment: entry["comment"] as? String,
                        emptyLayer: entry["empty_layer"] as? Bool ?? false))
                    for field in entry.keys.sorted() where field != "created" && field != "empty_layer" {
                        for text in ImageConfigView.strings(in: entry[field] as Any) {
                            texts.append(Text(place: .history, index: index, field: field, value: text))
                        }
                    }
                }
            case "rootfs":
                diffIDs = (value as? [String: Any])?["diff_ids"] as? [String] ?? []
            default:
                for text in ImageConfigView.strings(in: value) {
                    texts.append(Text(place: .config, field: key, value: text))
                }
            }
        }
    }

    /// Every string in a parsed JSON value, object keys included, in a stable order.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: return [text]
        case let array as [Any]: return array.flatMap { strings(in: $0) }
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key in [key] + strings(in: object[key] as Any) }
        default: return []
        }
    }

    /// Refuses nesting deeper than `limit` before any parser recurses into it.
    static func checkDepth(_ bytes: [UInt8], limit: Int) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { throw VerifyError.badConfig("nested deeper than \(limit) levels") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }
}
