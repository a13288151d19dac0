import Foundation

/// A `--secret` flag: where a secret's bytes come from. Parsed like buildx does
/// (`id=ID,src=PATH`, `id=ID,env=VAR`, `type=file|env`, `source=` for `src=`), and resolved
/// like BuildKit's secrets provider: with neither `src` nor `env`, an environment variable
/// named after the id if one is set, else a file of that name.
public struct SecretSource: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var filePath: String?
    public var environmentVariable: String?

    public init(id: String, filePath: String? = nil, environmentVariable: String? = nil) {
        self.id = id
        self.filePath = filePath
        self.environmentVariable = environmentVariable
    }

    public init(parsing text: String) throws(SecretSourceError) {
        var id: String?, file: String?, env: String?, type: String?
        for field in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = field.firstIndex(of: "=") else { throw .notKeyValue(String(field)) }
            let key = field[..<equals].lowercased()
            let value = String(field[field.index(after: equals)...])
            switch key {
            case "type":
                guard value == "file" || value == "env" else { throw .unsupportedType(value) }
                type = value
            case "id": id = value
            case "src", "source": file = value
            case "env": env = value
            default: throw .unexpectedKey(key, field: String(field))
            }
        }
        if type == "env" && env == nil {
            env = file
            file = nil
        }
        guard let id, !id.isEmpty else { throw .missingID(text) }
        self.init(id: id, filePath: file, environmentVariable: env)
    }

    /// Describes where the secret comes from, never its value.
    public var description: String {
        if let filePath { return "secret \"\(id)\" from file \(filePath)" }
        if let environmentVariable { return "secret \"\(id)\" from environment variable \(environmentVariable)" }
        return "secret \"\(id)\""
    }

    /// Reads the secret's bytes.
    public func resolve(environment: [String: String], currentDirectory: URL) throws(SecretSourceError) -> [UInt8] {
        var file = filePath
        var env = environmentVariable
        if file == nil && env == nil {
            if environment[id] != nil { env = id } else { file = id }
        }
        if let env {
            guard let value = environment[env] else { throw .environmentVariableUnset(id: id, variable: env) }
            return Array(value.utf8)
        }
        let path = file ?? id
        let url = URL(fileURLWithPath: path, relativeTo: currentDirectory)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadableFile(id: id, path: path) }
        return [UInt8](data)
    }
}

public enum SecretSourceError: Error, Equatable, CustomStringConvertible {
    case notKeyValue(String)
    case unsupportedType(String)
    case unexpectedKey(String, field: String)
    case missingID(String)
    case environmentVariableUnset(id: String, variable: String)
    case unreadableFile(id: String, path: String)

    public var description: String {
        switch self {
        case .notKeyValue(let field): "invalid field '\(field)' must be a key=value pair"
        case .unsupportedType(let type): "unsupported secret type \"\(type)\" (use file or env)"
        case .unexpectedKey(let key, let field): "unexpected key '\(key)' in '\(field)'"
        case .missingID(let text): "secret \"\(text)\" has no id: use --secret id=ID,src=PATH or --secret id=ID,env=VAR"
        case .environmentVariableUnset(let id, let variable): "secret \(id): environment variable \(variable) is not set"
        case .unreadableFile(let id, let path): "secret \(id): cannot read \(path)"
        }
    }
}
