import Foundation
import StrataOCI
import StrataStore
import StrataSupport

extension ImageLoader {
    /// An OCI image layout (also what Docker 25+ and Strata's own docker-archive contain):
    /// index.json points at manifests in `blobs/sha256/`, which are kept byte for byte so an
    /// image keeps its manifest digest through save and load. A nested index (multi-platform)
    /// contributes its linux/amd64 manifest, or its first linux one.
    func loadOCILayout(_ archive: IngestedArchive) throws -> [LoadedImage] {
        let index = try decode(ImageIndex.self, "index.json", in: archive)
        var repoTags: [Digest: [String]] = [:]
        if archive.contains("manifest.json") {
            for entry in try decode([DockerArchiveManifest].self, "manifest.json", in: archive) {
                repoTags[Digest.of(try bytes(of: entry.config, in: archive)), default: []] += entry.repoTags ?? []
            }
        }
        var images: [LoadedImage] = []
        var known: [Digest: Digest] = [:]
        // Artifacts (signatures, attestations) can sit beside images in an index: skip them.
        for descriptor in index.manifests where MediaType.isManifest(descriptor.mediaType) || MediaType.isIndex(descriptor.mediaType) {
            let manifestDescriptor = try selectManifest(descriptor, archive)
            let manifest = try decodeBlob(ImageManifest.self, manifestDescriptor.digest, archive)
            let config = try decodeBlob(ImageConfig.self, manifest.config.digest, archive)
            for layer in manifest.layers where !store.contains(layer.digest) {
                throw ExportError.missingBlob(archive: archive.label, layer.digest)
            }
            try verifyDiffIDs(layers: manifest.layers.map(\.digest), config: config, label: archive.label, known: &known)
            var names: [String] = []
            if let full = descriptor.annotations?[AnnotationKey.containerdImageName], let reference = try? ImageReference(parsing: full) {
                names.append(reference.withDefaultTag.description)
            } else if let ref = descriptor.annotations?[AnnotationKey.refName], ref.contains(":") || ref.contains("/"),
                let reference = try? ImageReference(parsing: ref)
            {
                names.append(reference.withDefaultTag.description)
            }
            for tag in repoTags[manifest.config.digest] ?? [] {
                let name = try ImageReference(parsing: tag).withDefaultTag.description
                if !names.contains(name) { names.append(name) }
            }
            // One image listed under several names (Docker and Strata write one entry per name).
            if let same = images.firstIndex(where: { $0.manifest == manifestDescriptor.digest }) {
                images[same].names += names.filter { !images[same].names.contains($0) }
            } else {
                images.append(LoadedImage(manifest: manifestDescriptor.digest, config: manifest.config.digest, names: names))
            }
        }
        return images
    }

    /// The image manifest a descriptor names, descending into a nested index.
    private func selectManifest(_ descriptor: Descriptor, _ archive: IngestedArchive) throws -> Descriptor {
        guard MediaType.isIndex(descriptor.mediaType) else { return descriptor }
        let nested = try decodeBlob(ImageIndex.self, descriptor.digest, archive)
        let linux = nested.manifests.filter { $0.platform?.os == "linux" && MediaType.isManifest($0.mediaType) }
        guard let chosen = linux.first(where: { $0.platform?.architecture == "amd64" }) ?? linux.first else {
            throw ExportError.noMatchingManifest(archive: archive.label)
        }
        return chosen
    }

    private func decodeBlob<T: Decodable>(_ type: T.Type, _ digest: Digest, _ archive: IngestedArchive) throws -> T {
        guard store.contains(digest) else { throw ExportError.missingBlob(archive: archive.label, digest) }
        guard try store.size(of: digest) <= ContentStore.jsonLimit else {
            throw ExportError.malformedEntry(archive: archive.label, entry: "blobs/sha256/\(digest.hex)", detail: "larger than \(ContentStore.jsonLimit) bytes")
        }
        let bytes = try store.get(digest)
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw ExportError.malformedEntry(archive: archive.label, entry: "blobs/sha256/\(digest.hex)", detail: "\(error)")
        }
    }
}
