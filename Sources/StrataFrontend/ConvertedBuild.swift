import StrataLLB
import StrataOCI
import StrataSupport

/// The frontend's output: the operation graph for the target, and the image config and
/// history BuildKit would write for it.
public struct ConvertedBuild: Sendable {
    public var definition: Definition
    /// The target stage's final vertex.
    public var root: Digest
    /// The target stage's config: `config` and `history` set, `rootfs` left for the exporter.
    public var image: ImageConfig
    public var targetStage: Int
    public var stages: [StageSummary]
    /// Per vertex: where it comes from and which secrets it mounts.
    public var steps: [Digest: StepInfo]
    public var warnings: [Diagnostic]
    /// `definition.closure(of: root)`: the vertices the target needs, dependencies first.
    /// Computed once, since several passes over a build walk it.
    public var targetClosure: [Vertex]
}

/// One stage as converted, for reports and the isolation audit.
public struct StageSummary: Sendable {
    public var index: Int
    public var name: String?
    /// The name progress output uses (`build`, `stage-1`, or empty for a single unnamed stage).
    public var displayName: String
    /// Whether the target needs this stage (unreachable stages are not converted or run).
    public var reachable: Bool
    public var root: Digest?
    /// Secret ids its RUNs mount.
    public var mountedSecrets: [String]
    /// Stages it reads files from (FROM, COPY --from, RUN --mount from=), by index.
    public var dependencies: [Int]
}

/// Where a vertex comes from.
public struct StepInfo: Sendable, Hashable {
    public var stage: Int
    public var stageName: String
    /// The instruction as written (first line).
    public var instruction: String
    public var line: Int
    /// Secret ids the step mounts (so a cache hit can warn that they may have changed).
    public var secrets: [String]
}
