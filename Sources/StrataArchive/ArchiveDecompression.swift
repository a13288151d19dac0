/// Reads gzip, bzip2 or xz when the stream starts with that format's magic bytes, and the
/// bytes as they are otherwise: what BuildKit's ADD does to decide whether a local file is a
/// compressed archive (moby's `DetectCompression`, by content, never by file name).
///
/// Image layers go through `decompressingIfNeeded`, which knows only gzip: layers are never
/// bzip2 or xz.
public func decompressingArchive(_ source: some ByteSource, limit: Int = GzipSource.defaultLimit) throws -> any ByteSource {
    var peek = PeekableSource(source)
    let head = try peek.peek(XzSource.magic.count)
    if head.starts(with: [0x1f, 0x8b, 0x08]) { return try GzipSource(peek, limit: limit) }
    if head.starts(with: Bzip2Source.magic) { return try Bzip2Source(peek, limit: limit) }
    if head.starts(with: XzSource.magic) { return try XzSource(peek, limit: limit) }
    return peek
}
