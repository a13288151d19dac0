import Foundation
import StrataOCI
import StrataSolver
import StrataSupport

/// An image written to the store by a build.
struct ExportedImage: Sendable {
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
        let layers = state.layers
        let exported: ExportedImage
        // The same config and layers give the same blobs: a rebuild with an identical result
        // reuses them while they are still in the store, instead of encoding them again.
        if let known = exports.exported(image: image, layers: layers, epoch: epoch),
            store.contains(known.id), store.contains(known.manifestDigest) {
            exported = known
        } else {
            exported = try write(image: image, layers: layers, epoch: epoch)
            exports.remember(image: image, layers: layers, epoch: epoch, exported: exported)
        }
        for tag in tags {
            let reference = try ImageReference(parsing: tag)
            // A rebuild that gives the same image leaves the index as it is: rewriting it would
            // cost a locked, fsynced write for nothing.
            if let current = try images.lookup(reference), current.manifest == exported.manifestDigest, current.config == exported.id {
                continue
            }
            _ = try images.tag(reference, manifest: exported.manifestDigest, config: exported.id)
        }
        return exported
    }

    /// Encodes and stores the config and manifest.
    private func write(image: ImageConfig, layers: [LayerBlob], epoch: Int) throws -> ExportedImage {
        var config = image
        let created = Self.timestamp(epoch)
        config.created = created
        config.rootfs = RootFS(diffIDs: layers.map(\.diffID))
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
            layers: layers.map { Descriptor(mediaType: $0.mediaType, digest: $0.digest, size: $0.size) })
        let manifestJSON = [UInt8](try StableJSON.encode(manifest))
        let manifestDigest = try store.put(manifestJSON, durable: false)
        return ExportedImage(id: configDescriptor.digest, manifestDigest: manifestDigest, manifest: manifest, configJSON: configJSON)
    }

    /// RFC 3339 in UTC, as Go's time.Time marshals (`1970-01-01T00:00:00Z`). Computed from the
    /// civil calendar directly: a date formatter costs more than the rest of a cached build's
    /// export.
    static func timestamp(_ epoch: Int) -> String {
        let days = epoch >= 0 ? epoch / 86_400 : (epoch - 86_399) / 86_400
        let seconds = epoch - days * 86_400
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }
}
