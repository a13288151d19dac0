/// A canonical binary form: little-endian 64-bit integers, strings and byte arrays prefixed by
/// their length, arrays by their count. Op digests and cache records are written with it.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8]

    /// Starts with `prefix` (a version byte, a file's magic).
    public init(prefix: [UInt8] = [], capacity: Int = 256) {
        bytes = prefix
        bytes.reserveCapacity(capacity)
    }

    /// One byte: an enum case's tag, a flag.
    public mutating func tag(_ value: UInt8) { bytes.append(value) }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    public mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    /// Bytes as they are, with no length (fixed-size fields).
    public mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }
}
