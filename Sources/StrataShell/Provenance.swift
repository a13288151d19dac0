/// Where a value's bytes came from: the secrets they derive from and the transformations applied.
///
/// Empty provenance is the common case and costs an empty set and an empty array. Provenance is
/// deliberately coarse: a whole stream or file carries one provenance, the union of everything
/// that flowed into it, so a secret can never be "lost" by a transformation we did not model.
public struct Provenance: Hashable, Sendable, CustomStringConvertible {
    /// A transformation applied to secret-derived bytes, in the order applied.
    public enum Transform: String, Hashable, Sendable, Codable {
        case copied, concatenated, base64, hex, hashed, compressed, substituted
    }

    /// Ids of the secrets these bytes derive from.
    public var secrets: Set<String>
    /// The transformations applied since the bytes left the secret, oldest first.
    public var transforms: [Transform]

    public init(secrets: Set<String> = [], transforms: [Transform] = []) {
        self.secrets = secrets
        self.transforms = transforms
    }

    /// Bytes that derive from no secret.
    public static let clean = Provenance()

    /// Bytes that are the secret `id` itself.
    public static func secret(_ id: String) -> Provenance { Provenance(secrets: [id]) }

    public var isClean: Bool { secrets.isEmpty }

    /// This provenance after `transform`; clean values stay clean and repeats collapse.
    public func applying(_ transform: Transform) -> Provenance {
        guard !isClean, transforms.last != transform else { return self }
        var copy = self
        copy.transforms.append(transform)
        return copy
    }

    /// The union of two provenances, for bytes that mix both.
    public func merged(with other: Provenance) -> Provenance {
        if other.isClean { return self }
        if isClean { return other }
        var copy = self
        copy.secrets.formUnion(other.secrets)
        for transform in other.transforms where !copy.transforms.contains(transform) {
            copy.transforms.append(transform)
        }
        return copy
    }

    public mutating func merge(_ other: Provenance) { self = merged(with: other) }

    public var description: String {
        if isClean { return "clean" }
        let ids = secrets.sorted().map { "secret \($0)" }.joined(separator: ", ")
        return transforms.isEmpty ? ids : ids + " (" + transforms.map(\.rawValue).joined(separator: ", ") + ")"
    }
}

/// Bytes together with their provenance: file contents, pipe streams, captured output.
public struct ProvenancedBytes: Hashable, Sendable {
    public var bytes: [UInt8]
    public var provenance: Provenance

    public init(_ bytes: [UInt8] = [], provenance: Provenance = .clean) {
        self.bytes = bytes
        self.provenance = provenance
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
