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

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }
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
