import Foundation
import StrataArchive
import StrataOCI
import StrataStore
import StrataSupport

/// `strata load`: reads what `docker save` writes (both the `<hex>.json` + `<id>/layer.tar`
/// layout of Docker < 25 and the OCI-based layout of Docker 25+) and OCI image layout tars,
/// optionally gzipped, into the content store, and tags the images.
///
/// The archive is read once, front to back: every regular file streams into the store as a
/// blob (never whole in memory), remembered by its entry path. Only then are manifest.json
/// or index.json interpreted, so entry order does not matter. Files that turn out not to be
/// part of any image are removed again. Every layer's uncompressed digest is checked against
/// the config's `rootfs.diff_ids` before anything is tagged.
public struct ImageLoader: Sendable {
    public let store: ContentStore
    public let index: ImageIndexStore

    public init(store: ContentStore) {
        self.store = store
        self.index = ImageIndexStore(store: store)
    }

    /// Loads every image in the archive at `archive` (a tar, gzipped or not, or an unpacked
    /// OCI layout directory such as `skopeo copy … oci:DIR` writes); `name` tags an image the archive does
    /// not name (an OCI layout whose ref.name is only a tag), or replaces the tag of a single image.
    @discardableResult
    public func load(archive: URL, name: ImageReference? = nil) throws -> [LoadedImage] {
        let label = archive.lastPathComponent
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: archive.path, isDirectory: &isDirectory)
        let (entries, added) = exists && isDirectory.boolValue
            ? try ingest(directory: archive, label: label) : try ingest(archive: archive, label: label)
        var keep: Set<Digest> = []
        var images: [LoadedImage] = []
        do {
            let context = Context(label: label, entries: entries)
            if entries["index.json"] != nil {
                images = try loadOCILayout(context, keep: &keep)
            } else if entries["manifest.json"] != nil {
                images = try loadDockerArchive(context, keep: &keep)
            } else {
                throw ExportError.notAnImageArchive(archive: label)
            }
        } catch {
            for digest in added { try? store.remove(digest) }
            throw error
        }
        for digest in added where !keep.contains(digest) { try? store.remove(digest) }
        if let name {
            let reference = name.withDefaultTag
            for i in images.indices where images[i].names.isEmpty || images.count == 1 {
                images[i].names = [reference.description]
            }
        }
        for image in images {
            for name in image.names {
                try index.tag(ImageReference(parsing: name), manifest: image.manifest, config: image.config)
            }
        }
        return images
    }

    /// What the archive held: entry path (without `./`) → blob.
    struct Context {
        let label: String
        let entries: [String: Digest]

        func digest(of path: String) throws -> Digest {
            guard let digest = entries[ImageLoader.normalise(path)] else {
                throw ExportError.missingEntry(archive: label, entry: path)
            }
            return digest
        }
    }

    /// Streams every regular file of the archive into the store. Returns entry → digest and the
    /// digests that were not in the store before.
    func ingest(archive: URL, label: String) throws -> (entries: [String: Digest], added: Set<Digest>) {
        let source = try decompressingIfNeeded(FileSource(path: archive.path))
        var reader = TarReader(AnyByteSource(base: source))
        var entries: [String: Digest] = [:]
        var added: Set<Digest> = []
        var links: [String: String] = [:]
        do {
            while let header = try reader.next() {
                let path = Self.normalise(header.path)
                switch header.kind {
                case .symlink:
                    // Docker < 25 saves a layer shared by two images once and links the second.
                    links[path] = Self.resolve(header.linkTarget, relativeTo: path)
                    continue
                case .hardlink:
                    links[path] = Self.normalise(header.linkTarget)
                    continue
                case .file:
                    break
                default:
                    continue
                }
                let writer = try store.writer()
                try reader.readContents { try writer.write($0) }
                var expected: Digest?
                if path.hasPrefix("blobs/sha256/") {
                    expected = try? Digest(parsing: "sha256:" + path.dropFirst("blobs/sha256/".count))
                }
                let digest: Digest
                do { digest = try writer.commit(expecting: expected).digest } catch StoreError.digestMismatch(_, let actual) {
                    throw ExportError.blobNameMismatch(archive: label, entry: path, actual: actual)
                }
                if writer.createdBlob { added.insert(digest) }
                entries[path] = digest
            }
        } catch {
            for digest in added { try? store.remove(digest) }
            throw error
        }
        // Links name other entries, never files on disk; follow chains a bounded number of times.
        for (path, target) in links {
            var target = target
            for _ in 0..<8 where entries[target] == nil { target = links[target] ?? target }
            if let digest = entries[target] { entries[path] = digest }
        }
        return (entries, added)
    }

    /// A symlink target as an archive path: relative targets are taken from the link's
    /// directory; `..` never climbs above the archive root.
    static func resolve(_ target: String, relativeTo link: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : link.split(separator: "/").dropLast()
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// An unpacked layout: every regular file under `directory` streams into the store.
    /// Symlinks are not followed, so a layout cannot make Strata read files outside it.
    func ingest(directory: URL, label: String) throws -> (entries: [String: Digest], added: Set<Digest>) {
        var entries: [String: Digest] = [:]
        var added: Set<Digest> = []
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw ExportError.notAnImageArchive(archive: label)
        }
        do {
            while let relative = walker.nextObject() as? String {
                guard walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
                let path = Self.normalise(relative)
                var expected: Digest?
                if path.hasPrefix("blobs/sha256/") {
                    expected = try? Digest(parsing: "sha256:" + path.dropFirst("blobs/sha256/".count))
                }
                let writer = try store.writer()
                var source = try FileSource(path: root + "/" + relative)
                while true {
                    let chunk = try source.read(upTo: 1 << 20)
                    if chunk.isEmpty { break }
                    try writer.write(chunk)
                }
                let digest: Digest
                do { digest = try writer.commit(expecting: expected).digest } catch StoreError.digestMismatch(_, let actual) {
                    throw ExportError.blobNameMismatch(archive: label, entry: path, actual: actual)
                }
                if writer.createdBlob { added.insert(digest) }
                entries[path] = digest
            }
        } catch {
            for digest in added { try? store.remove(digest) }
            throw error
        }
        return (entries, added)
    }

    static func normalise(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        return String(path)
    }

    func decode<T: Decodable>(_ type: T.Type, _ context: Context, entry: String) throws -> T {
        let digest = try context.digest(of: entry)
        guard try store.size(of: digest) <= ContentStore.jsonLimit else {
            throw ExportError.malformedEntry(archive: context.label, entry: entry, detail: "larger than \(ContentStore.jsonLimit) bytes")
        }
        let bytes = try store.get(digest)
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw ExportError.malformedEntry(archive: context.label, entry: entry, detail: "\(error)")
        }
    }

    /// Checks each layer's uncompressed digest against the config's diff_ids.
    func verifyDiffIDs(layers: [Digest], config: ImageConfig, label: String) throws {
        guard layers.count == config.diffIDs.count else {
            throw ExportError.layerCountMismatch(archive: label, layers: layers.count, diffIDs: config.diffIDs.count)
        }
        for (layer, expected) in zip(layers, config.diffIDs) {
            let actual = try LayerDigests.diffID(of: layer, in: store)
            guard actual == expected else {
                throw ExportError.diffIDMismatch(archive: label, layer: layer, expected: expected, actual: actual)
            }
        }
    }
}
