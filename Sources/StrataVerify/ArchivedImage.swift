import Foundation
import StrataArchive
import StrataOCI
import StrataSupport

/// An image inside a `docker save` archive, an OCI layout tar or an OCI layout directory,
/// audited where it lies: the archive is indexed by its headers and each layer is streamed
/// from its place in the file. Nothing is extracted or copied into a store, and no layer is
/// held whole in memory.
///
/// The first image of the archive is taken, as `ImageLoader` does (in a nested index: the
/// linux/amd64 manifest, or the first linux one). Attestation manifests that BuildKit attaches
/// to it (`vnd.docker.reference.type: attestation-manifest`) are read too: their in-toto
/// statements are handed over as `attestations`. Blob digests are not re-verified: the audit
/// scans the bytes that are there, whatever they hash to.
public struct ArchivedImage: AuditableImage {
    /// One in-toto statement attached to the image, with its predicate type.
    public struct Attestation: Sendable {
        public var predicateType: String
        public var statement: [UInt8]
    }

    public let configJSON: [UInt8]
    public let attestations: [Attestation]
    private let layers: [Blob]

    /// A blob's place: a range of the archive file, or a file of a layout directory.
    struct Blob {
        var file: OpenFile
        var offset: Int
        var size: Int
        var mediaType: String?

        func read(limit: Int, what: String) throws -> [UInt8] {
            guard size <= limit else { throw VerifyError.badArchive("\(what) is larger than \(limit) bytes") }
            return try file.read(at: offset, count: size)
        }
    }

    public var layerCount: Int { layers.count }
    /// Each layer is an independent read-only source.
    public var allowsConcurrentReads: Bool { true }

    public func openLayer(_ index: Int) throws -> any ByteSource {
        let layer = layers[index]
        if let type = layer.mediaType, type.hasSuffix("+zstd") || type.hasSuffix(".zstd") {
            throw VerifyError.unsupportedLayer(index, type)
        }
        return FileRangeSource(file: layer.file, offset: layer.offset, size: layer.size)
    }

    /// Opens `path`: a directory holding `oci-layout`, or a tar archive.
    public init(path: String, limits: AuditLimits = AuditLimits()) throws {
        let blobs: (String) throws -> Blob?
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ArchiveError.cannotOpen(path) }
        if isDirectory.boolValue {
            blobs = { name in
                let full = path + "/" + TarIndex.normalize(name)
                guard !name.split(separator: "/").contains(".."), FileManager.default.fileExists(atPath: full) else { return nil }
                let file = try OpenFile(path: full)
                return Blob(file: file, offset: 0, size: file.size)
            }
        } else {
            let file = try OpenFile(path: path)
            let index = try TarIndex(file: file)
            blobs = { name in index.entry(name).map { Blob(file: file, offset: $0.offset, size: $0.size) } }
        }
        func json(_ name: String) throws -> Any {
            guard let blob = try blobs(name) else { throw VerifyError.badArchive("no \(name)") }
            do {
                return try JSONSerialization.jsonObject(with: Data(try blob.read(limit: limits.configBytes, what: name)))
            } catch let error as VerifyError {
                throw error
            } catch {
                throw VerifyError.badArchive("\(name) is not valid JSON")
            }
        }
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            guard let blob = try blobs(name) else { throw VerifyError.badArchive("no \(name)") }
            let bytes = try blob.read(limit: limits.configBytes, what: name)
            do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
                throw VerifyError.badArchive("\(name) is not a valid \(T.self)")
            }
        }
        func blobPath(_ digest: Digest) -> String { "blobs/\(digest.algorithm)/\(digest.hex)" }

        if try blobs("index.json") != nil {
            let index = try decode(ImageIndex.self, "index.json")
            guard let top = index.manifests.first(where: { MediaType.isManifest($0.mediaType) || MediaType.isIndex($0.mediaType) }) else {
                throw VerifyError.badArchive("index.json names no image")
            }
            var chosen = top
            var attached: [Descriptor] = []
            if MediaType.isIndex(top.mediaType) {
                let nested = try decode(ImageIndex.self, blobPath(top.digest))
                let linux = nested.manifests.filter { $0.platform?.os == "linux" && MediaType.isManifest($0.mediaType) }
                guard let manifest = linux.first(where: { $0.platform?.architecture == "amd64" }) ?? linux.first else {
                    throw VerifyError.badArchive("the image index holds no linux manifest")
                }
                chosen = manifest
                attached = nested.manifests.filter {
                    $0.annotations?["vnd.docker.reference.type"] == "attestation-manifest"
                        && $0.annotations?["vnd.docker.reference.digest"] == manifest.digest.description
                }
            }
            let manifest = try decode(ImageManifest.self, blobPath(chosen.digest))
            guard let config = try blobs(blobPath(manifest.config.digest)) else { throw VerifyError.badArchive("no config blob \(manifest.config.digest)") }
            configJSON = try config.read(limit: limits.configBytes, what: "the config")
            layers = try manifest.layers.map { descriptor in
                guard var blob = try blobs(blobPath(descriptor.digest)) else { throw VerifyError.badArchive("no layer blob \(descriptor.digest)") }
                blob.mediaType = descriptor.mediaType
                return blob
            }
            var statements: [Attestation] = []
            for descriptor in attached {
                let attestation = try decode(ImageManifest.self, blobPath(descriptor.digest))
                for layer in attestation.layers {
                    guard let blob = try blobs(blobPath(layer.digest)) else { throw VerifyError.badArchive("no attestation blob \(layer.digest)") }
                    let predicate = layer.annotations?["in-toto.io/predicate-type"] ?? layer.mediaType
                    statements.append(Attestation(predicateType: predicate, statement: try blob.read(limit: limits.configBytes, what: "an attestation")))
                }
            }
            attestations = statements
        } else {
            guard let entries = try json("manifest.json") as? [[String: Any]], let first = entries.first,
                let config = first["Config"] as? String, let layerNames = first["Layers"] as? [String]
            else { throw VerifyError.badArchive("manifest.json lists no image") }
            guard let configBlob = try blobs(config) else { throw VerifyError.badArchive("no \(config)") }
            configJSON = try configBlob.read(limit: limits.configBytes, what: config)
            layers = try layerNames.map { name in
                guard let blob = try blobs(name) else { throw VerifyError.badArchive("no \(name)") }
                return blob
            }
            attestations = []
        }
    }
}
