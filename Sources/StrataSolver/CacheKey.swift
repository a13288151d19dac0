import Foundation
import StrataLLB
import StrataSupport

/// BuildKit-style cache keys: a digest of the operation and of its inputs' keys (or content
/// checksums standing in for them). Names and source lines are not part of a key.
public enum CacheKey {
    public static func compute(op: Op, inputKeys: [Digest]) -> Digest {
        struct Material: Encodable {
            let version = 1
            let op: Op
            let inputs: [Digest]
        }
        let data = (try? StableJSON.encode(Material(op: op, inputs: inputKeys))) ?? Data()
        return Digest.of(data)
    }
}
