import Foundation
import StrataOCI
import StrataStore
import StrataSupport

/// `strata save`: writes images from the store as a docker-archive or an OCI layout tar.
///
/// Both formats share one layout, the one Docker 25+ writes: `oci-layout`, `index.json` and
/// `blobs/sha256/<hex>` for manifests, configs and layers, so the stored manifest is written
/// byte for byte and `load(save(x))` keeps its digests. A docker-archive adds `manifest.json`
/// (Config, RepoTags, Layers as paths into `blobs/`), which older Docker and
/// `skopeo docker-archive:` read. Entries are sorted, with mtime 0: the same images give
/// the same bytes.
public struct ImageSaver: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// What `docker save` writes and `docker load` reads.
        case dockerArchive = "docker-archive"
        /// An OCI image layout in a tar (`skopeo … oci-archive:`, `umoci` after unpacking).
        case ociArchive = "oci-archive"
    }

    public let store: ContentStore
    /// The attestation manifest (e.g. SLSA provenance) attached to an image, if any. In the OCI
    /// layout the image and its attestations are wrapped in an image index, as BuildKit exports
    /// them; docker-archives carry no attestations, as with `docker save`.
    public var attestation: @Sendable (ImageRecord) throws -> Digest? = { _ in nil }

    public init(store: ContentStore) { self.store = store }

    /// Writes `images` to `destination` atomically (a temporary file renamed into place).
    public func save(_ images: [ImageRecord], format: Format, to destination: URL) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).strata-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw StoreError.io(operation: "create", path: temporary.path, message: "cannot create file")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try write(images, format: format, to: handle)
            try handle.synchronize()
            guard rename(temporary.path, destination.path) == 0 else {
                throw StoreError.io(operation: "rename", path: temporary.path, message: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Streams the archive to an open file (for example standard output).
    public func write(_ images: [ImageRecord], format: Format, to handle: FileHandle) throws {
        let layout = try plan(images, format: format)
        var tar = TarStream(handle: handle)
        try tar.directory("blobs")
        try tar.directory("blobs/sha256")
        for digest in layout.blobs {
            try tar.file("blobs/sha256/" + digest.hex, size: try store.size(of: digest)) { emit in
                try store.read(digest) { try emit($0) }
            }
        }
        for (path, bytes) in layout.files { try tar.file(path, bytes: bytes) }
        try tar.finish()
    }

    /// Writes an unpacked OCI image layout into `directory` (created if needed), as
    /// `skopeo copy … oci:DIR` would, for tools such as `umoci unpack --image DIR:TAG`. Blobs
    /// already in the directory are kept, so several saves can share one layout; index.json
    /// lists the images of this save.
    public func writeLayout(_ images: [ImageRecord], to directory: URL) throws {
        let layout = try plan(images, format: .ociArchive)
        let blobDirectory = directory.appendingPathComponent("blobs/sha256", isDirectory: true)
        try FileManager.default.createDirectory(at: blobDirectory, withIntermediateDirectories: true)
        for digest in layout.blobs {
            let target = blobDirectory.appendingPathComponent(digest.hex)
            if FileManager.default.fileExists(atPath: target.path) { continue }
            try FileManager.default.copyItem(at: store.url(for: digest), to: target)
        }
        for (path, bytes) in layout.files {
            try Data(bytes).write(to: directory.appendingPathComponent(path), options: .atomic)
        }
    }

    /// What an archive of `images` holds: blobs (sorted) and small files (sorted by path).
    struct Layout {
        var blobs: [Digest]
        var files: [(String, [UInt8])]
    }

    func plan(_ images: [ImageRecord], format: Format) throws -> Layout {
        var blobs: Set<Digest> = []
        var descriptors: [Descriptor] = []
        var dockerEntries: [DockerArchiveManifest] = []
        for image in images.sorted(by: { $0.name < $1.name }) {
            let manifest = try store.manifest(image.manifest)
            blobs.formUnion([image.manifest, manifest.config.digest] + manifest.layers.map(\.digest))
            let reference = try ImageReference(parsing: image.name)
            var annotations = [AnnotationKey.containerdImageName: reference.fullDescription]
            if let tag = reference.tag { annotations[AnnotationKey.refName] = tag }
            let imageDescriptor = Descriptor(
                mediaType: manifest.mediaType ?? MediaType.ociManifest, digest: image.manifest,
                size: try store.size(of: image.manifest), annotations: annotations)
            if format == .ociArchive, let attestation = try attestation(image) {
                let attestationManifest = try store.manifest(attestation)
                blobs.formUnion([attestation, attestationManifest.config.digest] + attestationManifest.layers.map(\.digest))
                let config = try store.config(manifest.config.digest)
                var platformed = imageDescriptor
                platformed.annotations = nil
                platformed.platform = Platform(architecture: config.architecture, os: config.os)
                let attestationDescriptor = Descriptor(
                    mediaType: MediaType.ociManifest, digest: attestation, size: try store.size(of: attestation),
                    annotations: ["vnd.docker.reference.digest": image.manifest.description, "vnd.docker.reference.type": "attestation-manifest"],
                    platform: Platform(architecture: "unknown", os: "unknown"))
                let indexBytes = [UInt8](try StableJSON.encode(ImageIndex(manifests: [platformed, attestationDescriptor])))
                let indexDigest = try store.put(indexBytes)
                blobs.insert(indexDigest)
                descriptors.append(Descriptor(mediaType: MediaType.ociIndex, digest: indexDigest, size: indexBytes.count, annotations: annotations))
            } else {
                descriptors.append(imageDescriptor)
            }
            let configPath = "blobs/sha256/" + manifest.config.digest.hex
            let layerPaths = manifest.layers.map { "blobs/sha256/" + $0.digest.hex }
            if let same = dockerEntries.firstIndex(where: { $0.config == configPath && $0.layers == layerPaths }) {
                dockerEntries[same].repoTags = (dockerEntries[same].repoTags ?? []) + [image.name]
            } else {
                dockerEntries.append(DockerArchiveManifest(config: configPath, repoTags: [image.name], layers: layerPaths))
            }
        }
        var files: [(String, [UInt8])] = [
            ("index.json", [UInt8](try StableJSON.encode(ImageIndex(manifests: descriptors)))),
            ("oci-layout", [UInt8](try StableJSON.encode(OCILayoutHeader()))),
        ]
        if format == .dockerArchive {
            files.append(("manifest.json", [UInt8](try StableJSON.encode(dockerEntries))))
        }
        return Layout(blobs: blobs.sorted(), files: files.sorted { $0.0 < $1.0 })
    }
}
