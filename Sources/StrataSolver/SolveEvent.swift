import StrataLLB
import StrataSupport

/// What the solver reports while it works; progress renderers turn these into BuildKit's output.
public enum SolveEvent: Sendable {
    case started(Vertex)
    /// The result came from the cache.
    case cached(Vertex, key: Digest)
    case log(Vertex, line: String)
    case completed(Vertex, key: Digest)
    case failed(Vertex, message: String)
}

/// Why a vertex was or was not answered from the cache, for `--explain-cache`.
public struct CacheExplanation: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case hit
        case miss
        case disabled
        case notCacheable
    }

    public var vertexName: String
    public var decision: Decision
    public var key: Digest
    /// Inputs whose key stood in for content checksums, by index.
    public var contentKeyedInputs: [Int]

    public init(vertexName: String, decision: Decision, key: Digest, contentKeyedInputs: [Int]) {
        self.vertexName = vertexName
        self.decision = decision
        self.key = key
        self.contentKeyedInputs = contentKeyedInputs
    }
}
