import Foundation
import Synchronization
import StrataArchive
import StrataFS
import StrataStore
import StrataSupport

/// Each image's unpacked root filesystem, kept so that a build does not re-apply its base
/// image's layers every time (what `docker load` does once, into its snapshotter).
///
/// Keyed by the image's layer chain (its diff_ids, or the layer digests when the config does not
/// list them), a tree is kept twice: in memory for the life of the `Engine`, and in the store as a
/// `SnapshotManifest` record (`rootfs-<key>`) whose file contents are ordinary blobs, so a later
/// process loads the manifest instead of unpacking tars. The record and its blobs are not
/// fsynced: they can be recomputed from the layers, a torn record fails to decode and is
/// rebuilt, and a torn content blob fails verification when it is read.
final class RootfsCache: Sendable {
    /// Bumped when the record's meaning changes, so old records are ignored.
    static let version = "1"

    private let snapshots = Mutex<[String: Snapshot]>([:])

    /// The tree of the image whose layers are `layers` (in order, base first) with `key`
    /// naming the chain: from memory, else from the store's record, else made by applying the
    /// layers (verified as they are read) and then remembered in both.
    func snapshot(key: String, layers: [Digest], store: ContentStore) throws -> Snapshot {
        if let snapshot = snapshots.withLock({ $0[key] }) { return snapshot }
        let blobs = ContentStoreBlobs(store: store)
        let record = "rootfs-" + key
        let snapshot: Snapshot
        if let data = try? store.readRecord(record),
            let manifest = try? StableJSON.decode(SnapshotManifest.self, from: data),
            let stored = try? Snapshot(manifest: manifest, store: blobs)
        {
            snapshot = stored
        } else {
            var fs = Snapshot.empty(store: blobs).mutable()
            for layer in layers {
                let blob = try store.openBlob(layer)
                try fs.applyLayer(blob)
                try blob.finish()
            }
            snapshot = fs.commit()
            try store.writeRecord(record, try StableJSON.encode(snapshot.manifest), durable: false)
        }
        snapshots.withLock { $0[key] = snapshot }
        return snapshot
    }

    /// The key of a layer chain: one digest over the version and every layer's identity.
    static func key(of chain: [Digest]) -> String {
        Digest.of(text: ([version] + chain.map(\.description)).joined(separator: "\n")).hex
    }
}
