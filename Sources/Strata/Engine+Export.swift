import Foundation
import StrataOCI
import StrataSolver
import StrataSupport

/// An image written to the store by a build.
struct ExportedImage {
    var id: Digest
    var manifestDigest: Digest
    var manifest: ImageManifest
    var configJSON: [UInt8]
}

extension Engine {
    /// Writes the config and manifest for a solved state and tags it, like BuildKit's image
    /// exporter: one layer per exec/file step on top of the base image's layers, and history
    /// entries stamped with the build's epoch (SOURCE_DATE_EPOCH), so equal inputs give an
    /// equal image ID on any machine.
    func export(_ state: SolvedState, image: ImageConfig, epoch: Int, tags: [String]) throws -> ExportedImage {
        var config = image
        let created = Self.timestamp(epoch)
        config.created = created
        config.rootfs = RootFS(diffIDs: state.layers.map(\.diffID))
        config.history = config.history?.map { entry in
            var entry = entry
            if entry.created == nil { entry.created = created }
            return entry
        }
        let configJSON = [UInt8](try StableJSON.encode(config))
        // Config and manifest are recomputed by rebuilding, so they are not fsynced (see
        // `ContentStore`); the image index that names them is.
        let configDescriptor = Descriptor(mediaType: MediaType.ociConfig, digest: try store.put(configJSON, durable: false), size: configJSON.count)
        let manifest = ImageManifest(
            config: configDescriptor,
            layers: state.layers.map { Descriptor(mediaType: $0.mediaType, digest: $0.digest, size: $0.size) })
        let manifestJSON = [UInt8](try StableJSON.encode(manifest))
        let manifestDescriptor = Descriptor(
            mediaType: MediaType.ociManifest, digest: try store.put(manifestJSON, durable: false), size: manifestJSON.count)
        for tag in tags {
            _ = try images.tag(try ImageReference(parsing: tag), manifest: manifestDescriptor.digest, config: configDescriptor.digest)
        }
        return ExportedImage(id: configDescriptor.digest, manifestDigest: manifestDescriptor.digest, manifest: manifest, configJSON: configJSON)
    }

    /// RFC 3339 in UTC, as Go's time.Time marshals (`1970-01-01T00:00:00Z`).
    static func timestamp(_ epoch: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
}
