import StrataSupport

/// What the cache keeps for one step: the layer it made and the provenance of the files it
/// wrote (secret ids and transformations, never bytes).
///
/// Stored in a compact binary form rather than JSON: a fully cached build reads one per step,
/// and decoding JSON cost more than the rest of a cache hit. The form ends with the SHA-256 of
/// everything before it, because records are not fsynced (they can be recomputed): a record
/// torn by a crash fails the check and reads as absent, so the step simply runs again.
struct CacheRecord: Equatable, Sendable {
    var layer: LayerBlob
    /// Secret-derived files the step left, by path: secret ids and `>transform`s.
    var provenance: [String: [String]]

    static let magic: [UInt8] = Array("strata-cache-record/2\n".utf8)

    var encoded: [UInt8] {
        var writer = BinaryWriter(prefix: Self.magic, capacity: 512)
        write(into: &writer)
        return writer.checksummed()
    }

    /// The record, or nil when the bytes are not a complete record of this version.
    init?(decoding bytes: [UInt8]) {
        guard var reader = RecordReader(bytes, magic: Self.magic) else { return nil }
        self.init(reading: &reader)
        guard reader.isAtEnd else { return nil }
    }

    init(layer: LayerBlob, provenance: [String: [String]]) {
        self.layer = layer
        self.provenance = provenance
    }

    func write(into writer: inout BinaryWriter) {
        writer.layer(layer)
        writer.int(provenance.count)
        for (path, labels) in provenance.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.strings(labels)
        }
    }

    init?(reading reader: inout RecordReader) {
        guard let layer = reader.layer(), let count = reader.int(), count >= 0 else { return nil }
        var provenance: [String: [String]] = [:]
        for _ in 0..<count {
            guard let path = reader.string(), let labels = reader.strings() else { return nil }
            provenance[path] = labels
        }
        self.init(layer: layer, provenance: provenance)
    }
}
