import Foundation
import StrataArchive
import StrataOCI
import StrataStore
import StrataSupport

/// What an archive held, by entry path (without `./`).
///
/// Small metadata files (manifest.json, index.json, `<hex>.json` configs, VERSION, …) are
/// kept in memory and only stored when an image needs them; everything else streams into the
/// store as it is read. Nothing is ever deleted again: a blob another `strata` process is
/// loading at the same moment must not vanish under it, so leftovers of a failed load are
/// left for `ImageIndexStore.collectGarbage`.
struct IngestedArchive {
    let label: String
    var blobs: [String: Digest] = [:]
    var metadata: [String: [UInt8]] = [:]
    var links: [String: String] = [:]

    init(label: String) { self.label = label }

    func contains(_ path: String) -> Bool {
        let path = target(of: ImageLoader.normalise(path))
        return blobs[path] != nil || metadata[path] != nil
    }

    /// Follows links (a bounded number of times: they may form a loop).
    func target(of path: String) -> String {
        var path = path
        for _ in 0..<8 {
            guard blobs[path] == nil, metadata[path] == nil, let next = links[path] else { break }
            path = next
        }
        return path
    }

    static func isMetadata(_ path: String, size: Int) -> Bool {
        guard !path.hasPrefix("blobs/"), size <= ContentStore.jsonLimit else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".json") || ["json", "VERSION", "repositories", "oci-layout"].contains(name)
    }
}

extension ImageLoader {
    /// Reads the tar (gzipped or not) once, front to back.
    func ingest(archive: URL, label: String) throws -> IngestedArchive {
        let source = try decompressingIfNeeded(FileSource(path: archive.path))
        var reader = TarReader(AnyByteSource(base: source))
        var ingested = IngestedArchive(label: label)
        while let header = try reader.next() {
            let path = Self.normalise(header.path)
            switch header.kind {
            case .symlink:
                // Docker < 25 saves a layer shared by two images once and links the second.
                ingested.links[path] = Self.resolve(header.linkTarget, relativeTo: path)
            case .hardlink:
                ingested.links[path] = Self.normalise(header.linkTarget)
            case .file where IngestedArchive.isMetadata(path, size: header.size):
                ingested.metadata[path] = try reader.readContents(limit: ContentStore.jsonLimit)
            case .file:
                let writer = try store.writer()
                try reader.readContents { try writer.write($0) }
                ingested.blobs[path] = try commit(writer, path: path, label: label)
            default:
                continue
            }
        }
        return ingested
    }

    /// An unpacked layout: every regular file under `directory`. Symlinks are not followed,
    /// so a layout cannot make Strata read files outside it.
    func ingest(directory: URL, label: String) throws -> IngestedArchive {
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw ExportError.notAnImageArchive(archive: label)
        }
        var ingested = IngestedArchive(label: label)
        while let relative = walker.nextObject() as? String {
            guard walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            let path = Self.normalise(relative)
            let size = (walker.fileAttributes?[.size] as? NSNumber)?.intValue ?? Int.max
            var source = try FileSource(path: root + "/" + relative)
            if IngestedArchive.isMetadata(path, size: size) {
                ingested.metadata[path] = try source.readAll(limit: ContentStore.jsonLimit)
                continue
            }
            let writer = try store.writer()
            while true {
                let chunk = try source.read(upTo: 1 << 20)
                if chunk.isEmpty { break }
                try writer.write(chunk)
            }
            ingested.blobs[path] = try commit(writer, path: path, label: label)
        }
        return ingested
    }

    /// Commits a streamed entry; under `blobs/sha256/` its name must be its digest.
    private func commit(_ writer: BlobWriter, path: String, label: String) throws -> Digest {
        var expected: Digest?
        if path.hasPrefix("blobs/sha256/") {
            expected = try? Digest(parsing: "sha256:" + path.dropFirst("blobs/sha256/".count))
        }
        do { return try writer.commit(expecting: expected).digest } catch StoreError.digestMismatch(_, let actual) {
            throw ExportError.blobNameMismatch(archive: label, entry: path, actual: actual)
        }
    }

    /// The bytes of a metadata entry or (bounded) of a stored one.
    func bytes(of entry: String, in archive: IngestedArchive) throws -> [UInt8] {
        let path = archive.target(of: Self.normalise(entry))
        if let bytes = archive.metadata[path] { return bytes }
        guard let digest = archive.blobs[path] else { throw ExportError.missingEntry(archive: archive.label, entry: entry) }
        guard try store.size(of: digest) <= ContentStore.jsonLimit else {
            throw ExportError.malformedEntry(archive: archive.label, entry: entry, detail: "larger than \(ContentStore.jsonLimit) bytes")
        }
        return try store.get(digest)
    }

    /// The entry as a stored blob, storing a metadata entry (a config) on first use.
    func storedDigest(of entry: String, in archive: IngestedArchive) throws -> Digest {
        let path = archive.target(of: Self.normalise(entry))
        if let digest = archive.blobs[path] { return digest }
        guard let bytes = archive.metadata[path] else { throw ExportError.missingEntry(archive: archive.label, entry: entry) }
        return try store.put(bytes)
    }

    /// Decodes a JSON entry, naming the entry when it is malformed.
    func decode<T: Decodable>(_ type: T.Type, _ entry: String, in archive: IngestedArchive) throws -> T {
        let bytes = try bytes(of: entry, in: archive)
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw ExportError.malformedEntry(archive: archive.label, entry: entry, detail: "\(error)")
        }
    }

    static func normalise(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        return String(path)
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
}
