import StrataArchive
import StrataSupport

/// What can go wrong operating on a snapshot; each case names the path it is about, like
/// the errno a real filesystem would return (`ENOENT`, `ENOTDIR`, …).
public enum FSError: Error, Equatable, CustomStringConvertible {
    /// ENOENT.
    case noEntry(String)
    /// ENOTDIR: a path component that must be a directory is not one.
    case notDirectory(String)
    /// EEXIST.
    case exists(String)
    /// EISDIR: a file operation on a directory.
    case isDirectory(String)
    /// ENOTEMPTY.
    case notEmpty(String)
    /// ELOOP: too many symlinks followed (more than `FSPath.maximumSymlinkHops`).
    case loop(String)
    /// EINVAL: e.g. moving a directory into itself, or readlink of a non-symlink.
    case invalid(String, reason: String)
    /// EPERM: e.g. a hard link to a directory, or removing `/`.
    case notPermitted(String, reason: String)
    /// A file's contents are not in the blob store.
    case missingBlob(Digest, path: String)
    /// A layer entry names a path outside the root (`../`) or is otherwise unusable.
    case unsafeLayerPath(String, reason: String)
    /// The layer stream itself is malformed.
    case archive(ArchiveError)
    /// Reading or writing a directory on the host disk failed.
    case host(String, reason: String)

    public var description: String {
        switch self {
        case .noEntry(let path): "\(path): no such file or directory"
        case .notDirectory(let path): "\(path): not a directory"
        case .exists(let path): "\(path): file exists"
        case .isDirectory(let path): "\(path): is a directory"
        case .notEmpty(let path): "\(path): directory not empty"
        case .loop(let path): "\(path): too many levels of symbolic links"
        case .invalid(let path, let reason): "\(path): invalid argument: \(reason)"
        case .notPermitted(let path, let reason): "\(path): operation not permitted: \(reason)"
        case .missingBlob(let digest, let path): "\(path): content \(digest) is missing from the blob store"
        case .unsafeLayerPath(let path, let reason): "layer entry \"\(path)\": \(reason)"
        case .archive(let error): "layer: \(error)"
        case .host(let path, let reason): "\(path): \(reason)"
        }
    }
}
