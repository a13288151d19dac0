import Foundation
import Synchronization
import StrataStore
import StrataVerify

/// The layer audits `ImageAuditor` keeps (`LayerAuditCache`), in memory for the life of the
/// `Engine` and in the store as `audit-<key>` records.
///
/// Only audits without declared secrets are ever kept (the auditor gives no fingerprint
/// otherwise), so nothing here derives from a secret. Records are not fsynced: a torn one fails
/// to decode and the layer is scanned again.
final class LayerAuditRecords: Sendable {
    private let memory = Mutex<[String: [UInt8]]>([:])

    func cache(in store: ContentStore) -> LayerAuditCache {
        LayerAuditCache(
            load: { [self] key in
                if let bytes = memory.withLock({ $0[key] }) { return bytes }
                guard let data = try? store.readRecord("audit-" + key) else { return nil }
                let bytes = [UInt8](data)
                memory.withLock { $0[key] = bytes }
                return bytes
            },
            save: { [self] key, bytes in
                memory.withLock { $0[key] = bytes }
                try? store.writeRecord("audit-" + key, Data(bytes), durable: false)
            })
    }
}
