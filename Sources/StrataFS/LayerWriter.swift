import StrataArchive
import StrataSupport

/// Writes layer tars deterministically: equal snapshots give byte-identical layers, so
/// layer digests are reproducible.
public enum LayerWriter {
    /// The layer that turns `lower` into `upper`, as an uncompressed tar.
    public static func tar(from lower: Snapshot, to upper: Snapshot) throws(FSError) -> [UInt8] {
        try tar(LayerDiff(from: lower, to: upper), store: upper.store)
    }

    /// The tar of `diff`'s entries, reading file contents from `store`.
    public static func tar(_ diff: LayerDiff, store: any BlobStore) throws(FSError) -> [UInt8] {
        try tar(diff.entries, store: store)
    }

    /// A tar of `entries` in the order given, reading file contents from `store`.
    public static func tar(_ entries: [LayerEntry], store: any BlobStore) throws(FSError) -> [UInt8] {
        var writer = TarWriter()
        for entry in entries {
            var contents: [UInt8] = []
            if let digest = entry.content {
                do { contents = try store.get(digest) } catch { throw .missingBlob(digest, path: "/" + entry.header.path) }
            }
            writer.append(entry.header, contents: contents)
        }
        return writer.finish()
    }
}
