import Foundation
import StrataStore
import StrataSupport

extension ImageIndexStore {
    /// Every blob a tagged image needs: its manifest, config and layers.
    public func referencedBlobs() throws -> Set<Digest> {
        try referencedBlobs(of: try list())
    }

    /// Throws rather than guess when a manifest cannot be read: collecting garbage on a guess
    /// could delete the layers of an image that is only damaged.
    func referencedBlobs(of records: [ImageRecord]) throws -> Set<Digest> {
        var used: Set<Digest> = []
        for record in records {
            used.insert(record.manifest)
            used.insert(record.config)
            let manifest = try store.manifest(record.manifest)
            used.insert(manifest.config.digest)
            used.formUnion(manifest.layers.map(\.digest))
        }
        return used
    }

    /// Deletes blobs that no tagged image uses and that are not in `keeping` (the build cache
    /// passes its own roots), and returns them sorted.
    ///
    /// A blob younger than `gracePeriod` is kept even when unreferenced: another process may
    /// be loading or building an image whose blobs are stored but not yet tagged. Temporary
    /// files older than that are left from crashed writers and go too.
    @discardableResult
    public func collectGarbage(
        keeping: Set<Digest> = [], gracePeriod: TimeInterval = 3600, now: Date = Date()
    ) throws -> [Digest] {
        // Under the lock, so no image can be tagged between finding what is used and deleting.
        try store.withLock(.exclusive) {
            let used = try referencedBlobs(of: try readAll()).union(keeping)
            var removed: [Digest] = []
            for digest in store.allDigests() where !used.contains(digest) {
                let attributes = try? FileManager.default.attributesOfItem(atPath: store.url(for: digest).path)
                let modified = attributes?[.modificationDate] as? Date ?? now
                guard now.timeIntervalSince(modified) >= gracePeriod else { continue }
                try store.remove(digest)
                removed.append(digest)
            }
            store.removeStaleTemporaryFiles(olderThan: gracePeriod, now: now)
            return removed
        }
    }
}
