import StrataLLB
import StrataSolver

/// `strata build --explain-cache`: one line per step saying why it was or was not cached.
///
/// The cases BuildKit's cache distinguishes, each with its own wording: a hit (and, when the
/// step mounts secrets, that the key does not cover their values); a miss because a step it
/// builds on ran in this build, so its own key is new; a miss of a step keyed by the context content
/// it reads (COPY/ADD sources, bind mounts), where that content or the instruction changed; a
/// miss of a step that never ran in this store or whose instruction changed; and `--no-cache`.
enum CacheExplainer {
    /// - Parameter rebuiltInputs: names of the steps this one builds on that ran in this build
    ///   (not from the cache); sources such as the context are left out.
    static func explain(_ explanation: CacheExplanation, vertex: Vertex, secrets: [String], rebuiltInputs: [String] = []) -> String? {
        let key = explanation.key.short
        let reason: String
        switch explanation.decision {
        case .notCacheable:
            return nil
        case .hit:
            reason = "CACHED: a result for key \(key) is in the store"
                + (secrets.isEmpty ? "" : "; the key does not cover the value of secret \(secrets.map { "\"\($0)\"" }.joined(separator: ", ")), which may have changed")
        case .miss where !rebuiltInputs.isEmpty:
            reason = "ran: it builds on \(rebuiltInputs.map { "\"\($0)\"" }.joined(separator: ", ")), which ran in this build, so its key is new (no result for key \(key))"
        case .miss where !explanation.contentKeyedInputs.isEmpty:
            reason = "ran: no result for key \(key), which covers the content it reads from the context: that content or the instruction changed, or it never ran"
        case .miss:
            reason = "ran: no result for key \(key): the instruction or its base image changed, or it never ran with this store"
        case .disabled:
            reason = "ran: --no-cache"
        }
        return "\(vertex.name): \(reason)"
    }
}
