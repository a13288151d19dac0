import Foundation

/// A content address such as `sha256:2c26b4…`: the identity of a blob, layer, config or snapshot.
///
/// Always validated: an instance holds a known algorithm and exactly the right number of
/// lower-case hex digits, so a digest read from an untrusted archive cannot name a path
/// outside the store.
public struct Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Algorithm: String, Sendable, Hashable {
        case sha256
        var hexLength: Int { 64 }
    }

    public let algorithm: Algorithm
    /// Lower-case hex of the hash.
    public let hex: String

    public init(parsing text: String) throws(DigestError) {
        guard let colon = text.firstIndex(of: ":") else { throw .malformed(text) }
        guard let algorithm = Algorithm(rawValue: String(text[..<colon])) else {
            throw .unsupportedAlgorithm(String(text[..<colon]))
        }
        let hex = String(text[text.index(after: colon)...])
        guard hex.utf8.count == algorithm.hexLength,
            hex.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else { throw .malformed(text) }
        self.algorithm = algorithm
        self.hex = hex
    }

    /// A digest from raw hash bytes.
    public init(sha256 bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 hash is 32 bytes")
        self.algorithm = .sha256
        self.hex = Hex.encode(bytes)
    }

    /// The SHA-256 digest of `data`.
    public static func of<Bytes: Sequence>(_ data: Bytes) -> Digest where Bytes.Element == UInt8 {
        Digest(sha256: SHA256.hash(data))
    }

    /// The SHA-256 digest of a UTF-8 string.
    public static func of(text: String) -> Digest { of(Array(text.utf8)) }

    public var description: String { "\(algorithm.rawValue):\(hex)" }

    /// The first 12 hex digits, as `docker images` shows an image ID.
    public var short: String { String(hex.prefix(12)) }

    /// Ordered as their `description`s, without building them (builds sort and look up
    /// thousands of digests).
    public static func < (lhs: Digest, rhs: Digest) -> Bool {
        lhs.algorithm == rhs.algorithm ? lhs.hex < rhs.hex : lhs.algorithm.rawValue < rhs.algorithm.rawValue
    }

    /// The hex of a hash is uniformly random, so its first 16 digits are as good a hash-table
    /// key as all 64 and cost a quarter to hash; equality still compares every digit.
    public func hash(into hasher: inout Hasher) {
        // Two little-endian words of the first 16 digits, read in place when the string is
        // contiguous (native strings are) and byte by byte otherwise, to the same values.
        let words = hex.utf8.withContiguousStorageIfAvailable { bytes -> (UInt64, UInt64)? in
            guard bytes.count >= 16 else { return nil }
            let raw = UnsafeRawBufferPointer(bytes)
            return (
                UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        } ?? nil
        if let words {
            hasher.combine(words.0)
            hasher.combine(words.1)
            return
        }
        var slow = (UInt64(0), UInt64(0))
        for (index, byte) in hex.utf8.prefix(16).enumerated() {
            if index < 8 { slow.0 |= UInt64(byte) << (8 * UInt64(index)) } else { slow.1 |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        hasher.combine(slow.0)
        hasher.combine(slow.1)
    }
}

extension Digest: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Digest(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum DigestError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupportedAlgorithm(String)

    public var description: String {
        switch self {
        case .malformed(let text): "malformed digest \"\(text)\": expected sha256: and 64 lower-case hex digits"
        case .unsupportedAlgorithm(let name): "unsupported digest algorithm \"\(name)\": only sha256 is supported"
        }
    }
}
