import Foundation
import StrataArchive
import StrataFS
import StrataSupport

extension BuildExecutor {
    /// A cache mount's directory as the last build left it (empty the first time), kept in the
    /// store as a tar so it outlives the process, exactly like BuildKit's persistent cache mounts.
    func loadCacheMount(id: String, mode: UInt32, uid: Int, gid: Int) throws -> Snapshot {
        let empty = Snapshot.empty(store: blobs, rootMetadata: FileMetadata(mode: mode, uid: uid, gid: gid, mtime: environment.epoch))
        guard let data = try store.readRecord(cacheMountRecord(id)),
            let digest = try? Digest(parsing: String(decoding: data, as: UTF8.self)),
            store.contains(digest)
        else { return empty }
        var fs = empty.mutable(time: environment.epoch)
        // Verified as it is read: a torn tar left by a crash throws instead of half-applying.
        do {
            let blob = try store.openBlob(digest)
            try fs.applyLayer(blob)
            try blob.finish()
        } catch {
            return empty
        }
        return fs.commit()
    }

    func saveCacheMount(id: String, _ snapshot: Snapshot) throws {
        let tar = try snapshot.rootfsTar()
        // A cache mount may lose its contents (BuildKit's may be pruned at any time), so
        // neither its tar nor its record is fsynced.
        let digest = try store.put(tar, durable: false)
        try store.writeRecord(cacheMountRecord(id), Data(digest.description.utf8), durable: false)
    }

    func cacheMountRecord(_ id: String) -> String {
        "cachemount-" + Digest.of(text: id).hex
    }
}

extension BuildExecutor {
    /// The blob holding a cache mount's current contents (a tar), if the mount was ever used.
    public func cacheMountBlob(id: String) throws -> Digest? {
        guard let data = try store.readRecord(cacheMountRecord(id)) else { return nil }
        return try? Digest(parsing: String(decoding: data, as: UTF8.self))
    }
}
