import StrataSupport

/// The fields of a cache record, written with `BinaryWriter`, then its checksum.
extension BinaryWriter {
    mutating func optionalString(_ value: String?) {
        guard let value else { return int(-1) }
        string(value)
    }

    /// A SHA-256 digest as its 32 raw bytes (reading hex back costs more than the rest).
    mutating func digest(_ digest: Digest) {
        raw(Hex.decode(digest.hex) ?? [])
    }

    mutating func layer(_ layer: LayerBlob) {
        digest(layer.digest)
        // Uncompressed layers (all a build makes) have diff ID = digest: one byte says so.
        if layer.diffID == layer.digest {
            tag(0)
        } else {
            tag(1)
            digest(layer.diffID)
        }
        int(layer.size)
        string(layer.mediaType)
        optionalString(layer.createdBy)
    }

    /// The bytes with the SHA-256 of all of them appended.
    func checksummed() -> [UInt8] {
        bytes + SHA256.hash(bytes)
    }
}

/// Reads what `RecordWriter` wrote; every read returns nil on truncated or malformed input.
struct RecordReader {
    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    /// Nil unless the bytes start with `magic` and end with the checksum of the rest.
    init?(_ bytes: [UInt8], magic: [UInt8]) {
        guard bytes.count >= magic.count + 32, bytes.starts(with: magic) else { return nil }
        let end = bytes.count - 32
        guard SHA256.hash(bytes[..<end]) == Array(bytes[end...]) else { return nil }
        self.bytes = bytes
        self.offset = magic.count
        self.end = end
    }

    var isAtEnd: Bool { offset == end }

    mutating func int() -> Int? {
        guard end - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Int(Int64(bitPattern: value))
    }

    mutating func string() -> String? {
        guard let count = int(), count >= 0, end - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }

    mutating func optionalString() -> String?? {
        guard let count = int() else { return nil }
        if count == -1 { return .some(nil) }
        offset -= 8
        return string().map { .some($0) }
    }

    mutating func digest() -> Digest? {
        guard end - offset >= 32 else { return nil }
        defer { offset += 32 }
        return Digest(sha256: Array(bytes[offset..<offset + 32]))
    }

    mutating func byte() -> UInt8? {
        guard end - offset >= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func layer() -> LayerBlob? {
        guard let blob = digest(), let flag = byte() else { return nil }
        let diffID: Digest
        switch flag {
        case 0: diffID = blob
        case 1:
            guard let other = digest() else { return nil }
            diffID = other
        default: return nil
        }
        guard let size = int(), let mediaType = string(), let createdBy = optionalString() else { return nil }
        return LayerBlob(digest: blob, diffID: diffID, size: size, mediaType: mediaType, createdBy: createdBy)
    }
}
