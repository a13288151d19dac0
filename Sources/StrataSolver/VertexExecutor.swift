import StrataLLB
import StrataSupport

/// Gives the solver's vertices meaning: how to run one, what content it reads, and where its
/// results are cached. The solver itself knows nothing of files or Dockerfiles.
public protocol VertexExecutor {
    associatedtype Result

    /// Content checksums that stand in for an input's cache key, by input index: a COPY from the
    /// context is keyed by the bytes it copies, not by the whole context, so editing an unrelated
    /// file does not invalidate it. Only called with the results of the inputs it names.
    func contentKeys(for vertex: Vertex, inputs: [Digest: Result]) throws -> [Int: Digest]

    /// Inputs whose results `contentKeys` needs before keys can be computed (usually the context).
    func inputsNeededForKeys(of vertex: Vertex) -> [Int]

    /// What a source vertex resolves to, for its key: an image source is keyed by the image its
    /// reference names now (as BuildKit keys it by the resolved digest), so re-tagging or
    /// rebuilding a base image invalidates the steps on it. Nil when the op says it all.
    func sourceKey(for vertex: Vertex) throws -> Digest?

    /// A previously stored result for `key`, rebuilt on top of the inputs' results.
    func cachedResult(for key: Digest, vertex: Vertex, inputs: [Result]) throws -> Result?

    /// Runs the vertex.
    func execute(_ vertex: Vertex, inputs: [Result], log: (String) -> Void) throws -> Result

    /// Records a fresh result under `key` for later builds.
    func store(_ result: Result, for key: Digest, vertex: Vertex, inputs: [Result]) throws

    /// Whether a vertex may be answered from the cache at all (source ops are always re-read).
    func isCacheable(_ vertex: Vertex) -> Bool

    /// Called once a root's key is known, before the root is resolved (and only when the cache
    /// is used): the executor may load what it kept for the whole graph under that key at once.
    func prepareCache(root key: Digest) throws

    /// Called after a root was resolved, with the keys of the cacheable vertices resolved so far
    /// (every one the root needed, in order), so that the executor can keep their records
    /// together under the root's key.
    func finishCache(root key: Digest, keys: [Digest]) throws
}

extension VertexExecutor {
    public func contentKeys(for vertex: Vertex, inputs: [Digest: Result]) throws -> [Int: Digest] { [:] }
    public func inputsNeededForKeys(of vertex: Vertex) -> [Int] { [] }
    public func sourceKey(for vertex: Vertex) throws -> Digest? { nil }
    public func prepareCache(root key: Digest) throws {}
    public func finishCache(root key: Digest, keys: [Digest]) throws {}
}
