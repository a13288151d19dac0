/// A build secret whose bytes must never reach what ships.
///
/// The value is held only to derive search patterns; `description` and `debugDescription`
/// show the id and length, never the bytes, so that printing a spec cannot leak it.
public struct SecretSpec: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The id the secret was declared under (`--secret id=tok,...`).
    public var id: String
    /// The secret's bytes. Never printed or stored by Strata.
    public var value: [UInt8]

    public init(id: String, value: [UInt8]) {
        self.id = id
        self.value = value
    }

    public init(id: String, text: String) {
        self.init(id: id, value: Array(text.utf8))
    }

    /// Encoded forms are only derived from secrets at least this long: shorter ones would
    /// match noise everywhere once base64- or hex-encoded.
    public static let minimumEncodedLength = 4

    public var description: String { "secret \"\(id)\" (\(value.count) bytes)" }
    public var debugDescription: String { description }
}
