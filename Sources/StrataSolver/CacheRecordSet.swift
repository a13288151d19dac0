import StrataSupport

/// The records of every step a build's target needed, under the target's key, in one file: a
/// fully cached rebuild reads them in one go instead of one file per step.
///
/// Written after the steps' own records (which a partly changed build still uses), with the
/// same checksum, so a torn one reads as absent.
struct CacheRecordSet: Equatable, Sendable {
    var records: [(key: Digest, record: CacheRecord)]

    static let magic: [UInt8] = Array("strata-cache-build/2\n".utf8)

    static func == (lhs: CacheRecordSet, rhs: CacheRecordSet) -> Bool {
        lhs.records.count == rhs.records.count && zip(lhs.records, rhs.records).allSatisfy { $0.key == $1.key && $0.record == $1.record }
    }

    init(records: [(key: Digest, record: CacheRecord)]) { self.records = records }

    var encoded: [UInt8] {
        var writer = BinaryWriter(prefix: Self.magic, capacity: 512)
        writer.int(records.count)
        for (key, record) in records {
            writer.digest(key)
            record.write(into: &writer)
        }
        return writer.checksummed()
    }

    init?(decoding bytes: [UInt8]) {
        guard var reader = RecordReader(bytes, magic: Self.magic), let count = reader.int(), count >= 0 else { return nil }
        var records: [(key: Digest, record: CacheRecord)] = []
        for _ in 0..<count {
            guard let key = reader.digest(), let record = CacheRecord(reading: &reader) else { return nil }
            records.append((key, record))
        }
        guard reader.isAtEnd else { return nil }
        self.records = records
    }
}
