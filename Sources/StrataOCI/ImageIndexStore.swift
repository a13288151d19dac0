import Foundation
import StrataStore
import StrataSupport

/// The names of images in a content store: `name:tag` → manifest, kept as one JSON record.
///
/// Every change is a read-modify-write under the store's exclusive lock, so two `strata`
/// processes tagging at once both keep their tags.
public struct ImageIndexStore: Sendable {
    public let store: ContentStore
    static let recordName = "images.json"

    public init(store: ContentStore) { self.store = store }

    struct File: Codable {
        var images: [ImageRecord]
    }

    /// All tagged images, sorted by name.
    public func list() throws -> [ImageRecord] {
        try store.withLock(.shared) { try readAll() }
    }

    /// Points `reference` (default tag `latest`) at a manifest, replacing any previous image of that name.
    @discardableResult
    public func tag(_ reference: ImageReference, manifest: Digest, config: Digest) throws -> ImageRecord {
        let record = ImageRecord(name: reference.withDefaultTag.description, manifest: manifest, config: config)
        try update { images in
            images.removeAll { $0.name == record.name }
            images.append(record)
        }
        return record
    }

    /// Removes a name; the blobs stay. Throws `noSuchImage` for an unknown name.
    @discardableResult
    public func remove(_ reference: ImageReference) throws -> ImageRecord {
        let name = reference.withDefaultTag.description
        var removed: ImageRecord?
        try update { images in
            removed = images.first { $0.name == name }
            images.removeAll { $0.name == name }
        }
        guard let removed else { throw OCIError.noSuchImage(name) }
        return removed
    }

    /// The image of that exact name, if tagged.
    public func lookup(_ reference: ImageReference) throws -> ImageRecord? {
        let name = reference.withDefaultTag.description
        return try list().first { $0.name == name }
    }

    /// Finds an image as `docker` does: by name (`busybox`, `busybox:1.35`), by `name@digest`
    /// or a bare manifest digest, or by an image ID prefix (`a1ee46da`, `sha256:a1ee…`).
    public func resolve(_ text: String) throws -> ImageRecord {
        let images = try list()
        if let reference = try? ImageReference(parsing: text) {
            if let digest = reference.digest {
                if let match = images.first(where: { $0.manifest == digest || $0.config == digest }) { return match }
            } else if let match = images.first(where: { $0.name == reference.withDefaultTag.description }) {
                return match
            }
        }
        let prefix = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        let isHex = !prefix.isEmpty && prefix.utf8.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
        if isHex {
            let matches = images.filter { $0.config.hex.hasPrefix(prefix) }
            let ids = Set(matches.map(\.config))
            if ids.count > 1 { throw OCIError.ambiguousImageID(text, candidates: ids.sorted().map(\.short)) }
            if let first = matches.first { return first }
        }
        throw OCIError.noSuchImage(text)
    }

    // MARK: - The record

    /// The records without taking the lock: for callers that already hold it.
    func readAll() throws -> [ImageRecord] {
        guard let data = try store.readRecord(Self.recordName) else { return [] }
        do { return try JSONDecoder().decode(File.self, from: data).images.sorted { $0.name < $1.name } } catch {
            throw OCIError.malformedJSON(what: "image index \(Self.recordName)", nil, detail: "\(error)")
        }
    }

    private func update(_ change: (inout [ImageRecord]) throws -> Void) throws {
        try store.withLock(.exclusive) {
            var images = try readAll()
            try change(&images)
            images.sort { $0.name < $1.name }
            try store.writeRecord(Self.recordName, try StableJSON.encode(File(images: images), pretty: true))
        }
    }
}
