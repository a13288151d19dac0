import Foundation
import Synchronization
import StrataStore
import StrataSupport
import StrataVerify

/// The layer audits `ImageAuditor` keeps (`LayerAuditCache`), in memory for the life of the
/// `Engine` and, for layers of 256 KiB or more, in the store as `audit-<key>` records.
///
/// Only audits without declared secrets are ever kept (the auditor gives no fingerprint
/// otherwise), so nothing here derives from a secret. Records are not fsynced: a torn one fails
/// to decode and the layer is scanned again.
final class LayerAuditRecords: Sendable {
    private let memory = Mutex<[String: [UInt8]]>([:])
    /// Layers at least this large have their audit kept in the store as well as in memory.
    static let persistedLayerBytes = 256 << 10

    func cache(in store: ContentStore) -> LayerAuditCache {
        LayerAuditCache(
            load: { [self] key in
                if let bytes = memory.withLock({ $0[key] }) { return bytes }
                guard let data = try? store.readRecord("audit-" + key) else { return nil }
                let bytes = [UInt8](data)
                memory.withLock { $0[key] = bytes }
                return bytes
            },
            save: { [self] key, layer, bytes in
                memory.withLock { $0[key] = bytes }
                // A small layer is scanned again faster than a record file is created, so only
                // large layers' audits (a base image's) are kept on disk.
                guard let size = try? store.size(of: layer), size >= Self.persistedLayerBytes else { return }
                try? store.writeRecord("audit-" + key, Data(bytes), durable: false)
            })
    }
}
