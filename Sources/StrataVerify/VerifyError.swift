import StrataArchive

/// Why an audit could not finish. Thrown rather than guessed around: an audit that skips
/// what it cannot read could call a leaking image clean.
public enum VerifyError: Error, Equatable, CustomStringConvertible {
    /// A tar entry's name escapes the root (`../`), in layer `layer`.
    case unsafePath(String, layer: Int)
    /// A layer could not be read: truncated, corrupt gzip, bad tar header or over a limit.
    case badLayer(Int, ArchiveError)
    /// The image config is not JSON, too large, or nested deeper than the limit.
    case badConfig(String)
    /// A directory to scan could not be walked.
    case unreadable(String)

    public var description: String {
        switch self {
        case .unsafePath(let path, let layer): "layer \(layer): entry \"\(path)\" escapes the root"
        case .badLayer(let layer, let error): "layer \(layer): \(error)"
        case .badConfig(let detail): "image config: \(detail)"
        case .unreadable(let path): "cannot read \"\(path)\""
        }
    }
}
