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
    /// An image archive or layout is missing a part, or a part is not what it should be.
    case badArchive(String)
    /// Layer `index` has a media type Strata cannot read yet (zstd).
    case unsupportedLayer(Int, String)

    public var description: String {
        switch self {
        case .unsafePath(let path, let layer): "layer \(layer): entry \"\(path)\" escapes the root"
        case .badLayer(let layer, let error): "layer \(layer): \(error)"
        case .badConfig(let detail): "image config: \(detail)"
        case .unreadable(let path): "cannot read \"\(path)\""
        case .badArchive(let detail): "image archive: \(detail)"
        case .unsupportedLayer(let layer, let type):
            type.contains("zstd")
                ? "layer \(layer): zstd layers are not supported yet (\(type))"
                : "layer \(layer): unsupported media type \(type)"
        }
    }
}
