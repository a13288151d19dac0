/// One occurrence of a secret pattern in a stream.
public struct SecretMatch: Sendable, Hashable {
    /// Index into the scanner's `patterns`.
    public var pattern: Int
    /// Byte offset of the match's first byte in the stream.
    public var offset: Int
    /// Bytes the match spans in the stream: the pattern's length plus any line breaks that
    /// interrupted a line-wrapped encoding.
    public var span: Int

    public init(pattern: Int, offset: Int, span: Int) {
        self.pattern = pattern
        self.offset = offset
        self.span = span
    }
}
