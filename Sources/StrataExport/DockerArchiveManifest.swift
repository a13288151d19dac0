/// One image in the `manifest.json` that `docker save` writes.
struct DockerArchiveManifest: Codable, Sendable, Equatable {
    /// Path of the config inside the archive: `<hex>.json` (Docker < 25) or `blobs/sha256/<hex>`.
    var config: String
    var repoTags: [String]?
    /// Paths of the layer tars, bottom first.
    var layers: [String]

    enum CodingKeys: String, CodingKey {
        case config = "Config"
        case repoTags = "RepoTags"
        case layers = "Layers"
    }
}
