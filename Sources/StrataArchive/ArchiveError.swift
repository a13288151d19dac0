/// What can be wrong with an archive or compressed stream Strata reads.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    case truncated
    case badChecksum(offset: Int)
    case badHeader(String)
    case tooLarge(limit: Int)
    case cannotOpen(String)
    case gzip(String)
    case bzip2(String)
    case xz(String)

    public var description: String {
        switch self {
        case .truncated: "archive is truncated"
        case .badChecksum(let offset): "tar header checksum mismatch at byte \(offset)"
        case .badHeader(let detail): "malformed tar header: \(detail)"
        case .tooLarge(let limit): "content exceeds the \(limit)-byte limit (possible decompression bomb)"
        case .cannotOpen(let path): "cannot open \(path)"
        case .gzip(let detail): "gzip stream is corrupt: \(detail)"
        case .bzip2(let detail): "bzip2 stream is corrupt: \(detail)"
        case .xz(let detail): "xz stream is corrupt: \(detail)"
        }
    }
}
