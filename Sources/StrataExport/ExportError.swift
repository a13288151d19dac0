import StrataSupport

/// What can be wrong with an image archive Strata loads or saves. Each case names the
/// archive and, where there is one, the entry inside it.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    case notAnImageArchive(archive: String)
    case missingEntry(archive: String, entry: String)
    case malformedEntry(archive: String, entry: String, detail: String)
    case blobNameMismatch(archive: String, entry: String, actual: Digest)
    case missingBlob(archive: String, Digest)
    case layerCountMismatch(archive: String, layers: Int, diffIDs: Int)
    case diffIDMismatch(archive: String, layer: Digest, expected: Digest, actual: Digest)
    case noMatchingManifest(archive: String)
    case pathTooLong(String)
    /// A blob's size changed between sizing its tar header and copying it.
    case sizeChanged(entry: String, declared: Int, actual: Int)

    public var description: String {
        switch self {
        case .notAnImageArchive(let archive):
            "\(archive): not an image archive: no manifest.json (docker save) or index.json (OCI layout)"
        case .missingEntry(let archive, let entry): "\(archive): missing entry \"\(entry)\""
        case .malformedEntry(let archive, let entry, let detail): "\(archive): \(entry): \(detail)"
        case .blobNameMismatch(let archive, let entry, let actual):
            "\(archive): \(entry): content hashes to \(actual), not to its name"
        case .missingBlob(let archive, let digest): "\(archive): blob \(digest) is referenced but not in the archive"
        case .layerCountMismatch(let archive, let layers, let diffIDs):
            "\(archive): the manifest has \(layers) layers but the config lists \(diffIDs) diff_ids"
        case .diffIDMismatch(let archive, let layer, let expected, let actual):
            "\(archive): layer \(layer) uncompresses to \(actual), but the config's diff_id is \(expected)"
        case .noMatchingManifest(let archive): "\(archive): no image manifest for linux in the index"
        case .pathTooLong(let path): "archive entry name \"\(path)\" is longer than 100 bytes"
        case .sizeChanged(let entry, let declared, let actual):
            "\(entry): blob changed while it was being saved (\(declared) bytes expected, \(actual) written)"
        }
    }
}
