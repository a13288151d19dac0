import Foundation
import StrataLLB
import StrataSupport

/// BuildKit-style cache keys: a digest of the operation and of its inputs' keys (or content
/// checksums standing in for them). Names and source lines are not part of a key.
///
/// The op enters as its binary digest (`Op.digest`, kept on the vertex as `opDigest`), so a
/// cached build hashes each op once for both its vertex id and its key. Keys are stable across
/// runs and machines; the `cache/2` prefix keeps them apart from vertex ids and from the
/// JSON-based keys of earlier versions (whose records simply stop matching).
public enum CacheKey {
    public static func compute(opDigest: Digest, inputKeys: [Digest]) -> Digest {
        var text = "cache/2\n" + opDigest.hex
        for key in inputKeys { text += "\n" + key.hex }
        return Digest.of(text: text)
    }

    public static func compute(op: Op, inputKeys: [Digest]) -> Digest {
        compute(opDigest: op.digest, inputKeys: inputKeys)
    }
}
