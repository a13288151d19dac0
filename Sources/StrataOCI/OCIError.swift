import StrataSupport

/// What can go wrong finding or reading an image.
public enum OCIError: Error, Equatable, CustomStringConvertible {
    case noSuchImage(String)
    case ambiguousImageID(String, candidates: [String])
    case malformedJSON(what: String, Digest?, detail: String)
    case unsupportedMediaType(String, what: String)
    case layerCountMismatch(layers: Int, diffIDs: Int)

    public var description: String {
        switch self {
        case .noSuchImage(let name): "no such image: \(name)"
        case .ambiguousImageID(let prefix, let candidates):
            "image ID prefix \"\(prefix)\" is ambiguous: it matches \(candidates.joined(separator: ", "))"
        case .malformedJSON(let what, let digest, let detail):
            "malformed \(what)\(digest.map { " \($0)" } ?? ""): \(detail)"
        case .unsupportedMediaType(let type, let what): "unsupported media type \"\(type)\" for \(what)"
        case .layerCountMismatch(let layers, let diffIDs):
            "an image with \(layers) layers needs as many diff_ids in its config, not \(diffIDs)"
        }
    }
}
