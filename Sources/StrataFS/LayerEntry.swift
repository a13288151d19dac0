import StrataArchive
import StrataSupport

/// One entry of a layer tar: its header and, for a regular file, the digest of the bytes
/// that follow it.
public struct LayerEntry: Sendable, Hashable {
    public var header: TarHeader
    public var content: Digest?

    public init(header: TarHeader, content: Digest? = nil) {
        self.header = header
        self.content = content
    }

    /// The prefix that marks a deleted name in a layer.
    public static let whiteoutPrefix = ".wh."
    /// The name that marks a directory whose lower contents are hidden.
    public static let opaqueMarker = ".wh..wh..opq"
}
