import StrataSupport

/// Why a build could not start or finish, beyond the Dockerfile's own errors.
public enum BuildError: Error, CustomStringConvertible {
    case contextNotFound(String)
    case unreadableContext(String)
    case dockerfileNotFound(String)
    /// A secret a reachable stage needs could not be resolved; lists what was tried.
    case missingSecret(id: String, tried: [String])
    case stepFailed(step: String, location: SourceLocation?, sourceLine: String?, message: String)
    /// A build check configured as an error (`# check=error=true`) fired.
    case checkFailed(String)

    public var description: String {
        switch self {
        case .contextNotFound(let path): "unable to prepare context: path \"\(path)\" not found"
        case .unreadableContext(let path): "cannot read \(path) in the build context"
        case .dockerfileNotFound(let path): "failed to read dockerfile: open \(path): no such file or directory"
        case .missingSecret(let id, let tried):
            "secret \(id) not found: not found (tried: \(tried.joined(separator: ", "))); pass it with --secret id=\(id),src=PATH or --secret id=\(id),env=VAR"
        case .checkFailed(let diagnostic): "\(diagnostic)\n(the Dockerfile's `# check=error=true` makes build checks errors)"
        case .stepFailed(let step, let location, let sourceLine, let message):
            Diagnostic(.error, "\(step): \(message)", at: location, sourceLine: sourceLine).description
        }
    }
}
