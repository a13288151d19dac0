import Foundation
import StrataSupport

/// `docker history`: one row per history entry, newest first.
public struct ImageHistory: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The image ID on the newest row only; the rest are `<missing>`, as for any image
        /// whose intermediate steps were not kept as images (every BuildKit or pulled image).
        public var imageID: Digest?
        public var created: String?
        public var createdBy: String
        public var size: Int
        public var comment: String
    }

    public var rows: [Row]

    /// Rows from a config; `layerSizes` are the sizes of the layers, bottom first, matched in
    /// order to the history entries that are not `empty_layer`.
    public init(config: ImageConfig, id: Digest, layerSizes: [Int]) {
        var sizes = layerSizes.makeIterator()
        var rows: [Row] = []
        let history = config.history ?? []
        for entry in history {
            let size = entry.hasLayer ? (sizes.next() ?? 0) : 0
            rows.append(Row(imageID: nil, created: entry.created, createdBy: entry.createdBy ?? "", size: size, comment: entry.comment ?? ""))
        }
        if history.isEmpty {
            for size in layerSizes { rows.append(Row(imageID: nil, created: config.created, createdBy: "", size: size, comment: "")) }
        }
        rows.reverse()
        if !rows.isEmpty { rows[0].imageID = id }
        self.rows = rows
    }

    /// The table `docker history` prints; `truncate: false` is `--no-trunc`.
    public func render(truncate: Bool = true, now: Date = Date()) -> String {
        var table = TextTable(header: ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"])
        for row in rows {
            let id = row.imageID.map { truncate ? $0.short : $0.description } ?? "<missing>"
            var createdBy = row.createdBy.replacingOccurrences(of: "\t", with: " ")
            if truncate { createdBy = HumanUnits.ellipsis(createdBy, width: 45) }
            table.append([id, HumanUnits.age(of: row.created, now: now), createdBy, HumanUnits.size(row.size), row.comment])
        }
        return table.render()
    }
}
