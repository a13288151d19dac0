import StrataLLB
import StrataSolver

/// `strata build --explain-cache`: one line per step saying why it was or was not cached.
enum CacheExplainer {
    static func explain(_ explanation: CacheExplanation, vertex: Vertex, secrets: [String]) -> String? {
        let reason: String
        switch explanation.decision {
        case .notCacheable:
            return nil
        case .hit:
            reason = "CACHED: a result for key \(explanation.key.short) is in the store"
                + (secrets.isEmpty ? "" : "; the key does not cover the value of secret \(secrets.map { "\"\($0)\"" }.joined(separator: ", ")), which may have changed")
        case .miss:
            var text = "RUN: no result for key \(explanation.key.short) (the instruction, an input, or copied content changed, or it never ran)"
            if !explanation.contentKeyedInputs.isEmpty { text += "; keyed by the content it copies" }
            reason = text
        case .disabled:
            reason = "RUN: --no-cache"
        }
        return "\(vertex.name): \(reason)"
    }
}
