import Foundation
import StrataArchive
import StrataStore
import StrataSupport

extension ImageLoader {
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
}
