import Foundation
import StrataInspect
import StrataVerify

extension Engine {
    /// `strata efficiency`: how much of an image's bytes are wasted (files overwritten or
    /// removed by later layers), computed as dive computes it. The image is one in the store, a
    /// docker-archive, an OCI layout tar or an OCI layout directory; layers are read in place.
    public func efficiency(_ target: String) throws -> ImageEfficiency {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue && !FileManager.default.fileExists(atPath: target + "/oci-layout") {
                throw AuditError.unsupportedTarget(target)
            }
            return try ImageEfficiency(image: try ArchivedImage(path: target))
        }
        let stored = try image(target)
        return try ImageEfficiency(image: StoredAuditableImage(store: store, manifest: stored.manifest, configJSON: try store.get(stored.record.config)))
    }
}
