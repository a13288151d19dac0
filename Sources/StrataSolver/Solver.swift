import Foundation
import StrataLLB
import StrataSupport

/// Solves a build graph: computes BuildKit-style cache keys, answers vertices from the cache
/// where it can, and executes the rest, dependencies first.
///
/// Cache keys cover the operation, the inputs' keys, and content checksums the executor
/// supplies; they never cover secret values (ops name secrets by id only), so a changed secret
/// does not invalidate a step — exactly BuildKit's behaviour, which progress output points out.
public struct Solver<Executor: VertexExecutor> {
    public let executor: Executor
    public var useCache: Bool
    public var onEvent: (SolveEvent) -> Void

    public init(executor: Executor, useCache: Bool = true, onEvent: @escaping (SolveEvent) -> Void = { _ in }) {
        self.executor = executor
        self.useCache = useCache
        self.onEvent = onEvent
    }

    /// What a solve found out, besides the result.
    public struct Report {
        public var keys: [Digest: Digest] = [:]
        public var explanations: [Digest: CacheExplanation] = [:]
        public var executed: [Digest] = []
    }

    public func solve(_ definition: Definition, root: Digest) throws -> (result: Executor.Result, report: Report) {
        let (results, report) = try solve(definition, roots: [root])
        guard let result = results[root] else { throw SolveError.missingVertex(root) }
        return (result, report)
    }

    /// Solves several roots in one pass (each vertex runs at most once), e.g. the target and
    /// every stage it depends on, so the audit can look at stages that do not ship.
    public func solve(_ definition: Definition, roots: [Digest]) throws -> (results: [Digest: Executor.Result], report: Report) {
        var state = State()
        var results: [Digest: Executor.Result] = [:]
        for root in roots {
            // The root's key first (its `resolve` starts with it anyway, so events keep their
            // order): the executor can then load the records of the whole graph in one read.
            let rootKey = try key(of: root, in: definition, state: &state)
            if useCache { try executor.prepareCache(root: rootKey) }
            results[root] = try resolve(root, in: definition, state: &state)
            // Every cacheable vertex resolved so far: all the root needed (for the first root,
            // exactly that; a later root's set may also hold an earlier root's records).
            try executor.finishCache(root: rootKey, keys: state.resolvedKeys)
        }
        return (results, state.report)
    }

    private struct State {
        var results: [Digest: Executor.Result] = [:]
        var report = Report()
        /// Keys of the cacheable vertices resolved, in order.
        var resolvedKeys: [Digest] = []
    }

    private func key(of id: Digest, in definition: Definition, state: inout State) throws -> Digest {
        if let key = state.report.keys[id] { return key }
        guard let vertex = definition[id] else { throw SolveError.missingVertex(id) }
        var inputKeys: [Digest] = []
        for input in vertex.inputs { inputKeys.append(try key(of: input, in: definition, state: &state)) }
        var needed: [Digest: Executor.Result] = [:]
        for index in executor.inputsNeededForKeys(of: vertex) where index < vertex.inputs.count {
            needed[vertex.inputs[index]] = try resolve(vertex.inputs[index], in: definition, state: &state)
        }
        let overrides = try executor.contentKeys(for: vertex, inputs: needed)
        for (index, checksum) in overrides where index < inputKeys.count { inputKeys[index] = checksum }
        if vertex.inputs.isEmpty, let resolved = try executor.sourceKey(for: vertex) { inputKeys.append(resolved) }
        let key = CacheKey.compute(opDigest: vertex.opDigest, inputKeys: inputKeys)
        state.report.keys[id] = key
        state.report.explanations[id] = CacheExplanation(
            vertexName: vertex.name, decision: .miss, key: key, contentKeyedInputs: overrides.keys.sorted())
        return key
    }

    private func resolve(_ id: Digest, in definition: Definition, state: inout State) throws -> Executor.Result {
        if let result = state.results[id] { return result }
        guard let vertex = definition[id] else { throw SolveError.missingVertex(id) }
        let key = try key(of: id, in: definition, state: &state)
        if let result = state.results[id] { return result }
        var inputs: [Executor.Result] = []
        for input in vertex.inputs { inputs.append(try resolve(input, in: definition, state: &state)) }
        let cacheable = executor.isCacheable(vertex)
        if cacheable && useCache, let cached = try executor.cachedResult(for: key, vertex: vertex, inputs: inputs) {
            state.report.explanations[id]?.decision = .hit
            onEvent(.cached(vertex, key: key))
            state.results[id] = cached
            state.resolvedKeys.append(key)
            return cached
        }
        state.report.explanations[id]?.decision = cacheable ? (useCache ? .miss : .disabled) : .notCacheable
        onEvent(.started(vertex))
        let result: Executor.Result
        do {
            result = try executor.execute(vertex, inputs: inputs) { line in onEvent(.log(vertex, line: line)) }
        } catch {
            onEvent(.failed(vertex, message: "\(error)"))
            throw SolveError.failed(vertex: vertex, underlying: error)
        }
        if cacheable {
            try executor.store(result, for: key, vertex: vertex, inputs: inputs)
            state.resolvedKeys.append(key)
        }
        state.report.executed.append(id)
        onEvent(.completed(vertex, key: key))
        state.results[id] = result
        return result
    }
}

public enum SolveError: Error, CustomStringConvertible {
    case missingVertex(Digest)
    case failed(vertex: Vertex, underlying: any Error)

    public var description: String {
        switch self {
        case .missingVertex(let id): "internal error: the graph has no vertex \(id)"
        case .failed(let vertex, let underlying): "\(vertex.name): \(underlying)"
        }
    }
}
