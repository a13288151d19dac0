import Foundation
import StrataSupport

/// `docker images`: REPOSITORY, TAG, IMAGE ID, CREATED, SIZE.
public struct ImageListing: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var record: ImageRecord
        public var created: String?
        /// Total size of the image's layers.
        public var size: Int

        public init(record: ImageRecord, created: String?, size: Int) {
            self.record = record
            self.created = created
            self.size = size
        }
    }

    public var entries: [Entry]

    /// Newest first, then by name, as `docker images` orders them.
    public init(entries: [Entry]) {
        self.entries = entries.sorted { lhs, rhs in
            let l = lhs.created.flatMap(HumanUnits.parseTimestamp) ?? .distantPast
            let r = rhs.created.flatMap(HumanUnits.parseTimestamp) ?? .distantPast
            return l != r ? l > r : lhs.record.name < rhs.record.name
        }
    }

    public func render(truncate: Bool = true, now: Date = Date()) -> String {
        var table = TextTable(header: ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"])
        for entry in entries {
            let (repository, tag) = entry.record.repositoryAndTag
            let id = truncate ? entry.record.shortID : entry.record.config.description
            table.append([repository, tag, id, HumanUnits.age(of: entry.created, now: now), HumanUnits.size(entry.size)])
        }
        return table.render()
    }
}

extension ImageIndexStore {
    /// The listing of every tagged image, reading each manifest and config for dates and sizes.
    public func listing() throws -> ImageListing {
        let entries = try list().map { record in
            let manifest = try store.manifest(record.manifest)
            let config = try store.config(record.config)
            return ImageListing.Entry(record: record, created: config.created, size: manifest.layers.reduce(0) { $0 + $1.size })
        }
        return ImageListing(entries: entries)
    }

    /// The history of a resolved image.
    public func history(of record: ImageRecord) throws -> ImageHistory {
        let manifest = try store.manifest(record.manifest)
        let config = try store.config(record.config)
        return ImageHistory(config: config, id: record.config, layerSizes: manifest.layers.map(\.size))
    }
}
