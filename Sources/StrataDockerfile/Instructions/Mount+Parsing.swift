import StrataSupport

/// A `--mount` problem, before the instruction's location is attached.
public struct MountError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The text to point at.
    public var fragment: String

    public var description: String { message }
}

extension Mount {
    /// The option names BuildKit accepts, for "did you mean" hints.
    static let optionNames = [
        "type", "id", "target", "dst", "destination", "source", "src", "from", "readonly", "ro", "rw",
        "readwrite", "required", "mode", "uid", "gid", "env", "sharing", "size",
    ]

    /// Parses the value of one `--mount` flag: comma-separated `key=value` fields (CSV quoting
    /// allowed), keys case-insensitive, boolean keys valid without a value.
    public init(parsing spec: String) throws(MountError) {
        let fields: [String]
        do {
            fields = try Self.csvFields(spec)
        } catch {
            throw MountError(message: "invalid mount \(GoQuote.quote(spec)): \(error.message)", fragment: spec)
        }
        var type = Kind.bind
        for field in fields {
            let (key, value) = Self.split(field)
            guard key == "type" else { continue }
            guard let value, let kind = Kind(rawValue: value.lowercased()) else {
                throw MountError(message: "unsupported mount type \(GoQuote.quote(value ?? ""))", fragment: field)
            }
            type = kind
        }
        self.init(type: type)
        var readOnlySetExplicitly = false
        for field in fields where !field.isEmpty {
            let (key, value) = Self.split(field)
            func bool() throws(MountError) -> Bool {
                switch value?.lowercased() {
                case nil, "", "true", "1": return true
                case "false", "0": return false
                default: throw MountError(message: "invalid value for \(key): \(GoQuote.quote(value ?? ""))", fragment: field)
                }
            }
            func string() throws(MountError) -> String {
                guard let value else { throw MountError(message: "invalid field \(GoQuote.quote(field)) must be a key=value pair", fragment: field) }
                return value
            }
            func integer() throws(MountError) -> Int {
                guard let number = Int(try string()) else {
                    throw MountError(message: "invalid value for \(key): \(GoQuote.quote(value ?? ""))", fragment: field)
                }
                return number
            }
            switch key {
            case "type": continue
            case "target", "dst", "destination": target = try string()
            case "source", "src": source = try string()
            case "from": from = try string()
            case "readonly", "ro":
                readOnly = try bool()
                readOnlySetExplicitly = true
            case "rw", "readwrite":
                readOnly = !(try bool())
                readOnlySetExplicitly = true
            case "required": required = try bool()
            case "id": id = try string()
            case "env": env = try string()
            case "uid": uid = try integer()
            case "gid": gid = try integer()
            case "mode":
                guard let mode = UInt32(try string(), radix: 8) else {
                    throw MountError(message: "invalid value for mode: \(GoQuote.quote(value ?? ""))", fragment: field)
                }
                self.mode = mode
            case "sharing":
                guard let sharing = Sharing(rawValue: try string().lowercased()) else {
                    throw MountError(message: "unsupported sharing value \(GoQuote.quote(value ?? ""))", fragment: field)
                }
                self.sharing = sharing
            case "size":
                guard let size = Self.parseSize(try string()) else {
                    throw MountError(message: "invalid value for size: \(GoQuote.quote(value ?? ""))", fragment: field)
                }
                self.size = size
            default:
                let hint = suggestion(for: key, in: Self.optionNames).map { ", did you mean \"\($0)\"?" } ?? ""
                throw MountError(message: "unknown mount option \"\(key)\"" + hint, fragment: key)
            }
        }
        try applyDefaults(readOnlySetExplicitly: readOnlySetExplicitly, spec: spec)
    }

    private mutating func applyDefaults(readOnlySetExplicitly: Bool, spec: String) throws(MountError) {
        switch type {
        case .secret:
            if !readOnlySetExplicitly { readOnly = true }
            if id == nil, let target, !target.isEmpty {
                id = String(target.split(separator: "/").last ?? Substring(target))
            }
            guard let id, !id.isEmpty else {
                throw MountError(message: "one of id or target is required for a secret mount", fragment: spec)
            }
            if target == nil && env == nil { target = "/run/secrets/" + id }
        case .ssh:
            if !readOnlySetExplicitly { readOnly = true }
            if id == nil { id = "default" }
            if target == nil { target = "/run/buildkit/ssh_agent.0" }
        case .bind, .cache, .tmpfs:
            guard let target, !target.isEmpty else {
                throw MountError(message: "mount type=\(type.rawValue) requires a target", fragment: spec)
            }
        }
        if env != nil && type != .secret {
            throw MountError(message: "env is only valid for secret mounts", fragment: "env")
        }
    }

    static func split(_ field: String) -> (String, String?) {
        guard let (key, value) = field.splitOnce(at: "=") else { return (field.lowercased(), nil) }
        return (key.lowercased(), value)
    }

    /// Sizes like `64m`, `1g`, `512k`, `1024` (bytes), binary multipliers as Docker's RAMInBytes.
    static func parseSize(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let digits = lower.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits) else { return nil }
        let unit = lower.dropFirst(digits.count)
        let kib = 1024.0
        let multipliers: [String: Double] = [
            "": 1, "b": 1, "k": kib, "kb": kib, "kib": kib, "m": kib * kib, "mb": kib * kib, "mib": kib * kib,
            "g": kib * kib * kib, "gb": kib * kib * kib, "gib": kib * kib * kib,
        ]
        guard let multiplier = multipliers[String(unit)] else { return nil }
        return Int64(number * multiplier)
    }

    /// One CSV record as Go's `encoding/csv` reads it: `"…"` quoting with `""` for a quote.
    static func csvFields(_ text: String) throws(MountError) -> [String] {
        var fields: [String] = []
        var scalars = Substring(text).unicodeScalars[...]
        while true {
            var field = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                var closed = false
                while let ch = scalars.first {
                    scalars.removeFirst()
                    if ch == "\"" {
                        if scalars.first == "\"" {
                            field.append("\"")
                            scalars.removeFirst()
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        field.append(ch)
                    }
                }
                guard closed else { throw MountError(message: "extraneous or missing \" in quoted-field", fragment: text) }
                guard scalars.isEmpty || scalars.first == "," else {
                    throw MountError(message: "extraneous or missing \" in quoted-field", fragment: text)
                }
            } else {
                while let ch = scalars.first, ch != "," {
                    if ch == "\"" { throw MountError(message: "bare \" in non-quoted-field", fragment: text) }
                    field.append(ch)
                    scalars.removeFirst()
                }
            }
            fields.append(String(field))
            guard scalars.first == "," else { break }
            scalars.removeFirst()
        }
        return fields
    }
}
