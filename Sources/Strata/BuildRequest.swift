import Foundation
import StrataVerify

/// Everything `strata build` takes.
public struct BuildRequest: Sendable {
    public var contextDirectory: URL
    /// The Dockerfile; `CONTEXT/Dockerfile` when nil.
    public var dockerfile: URL?
    public var tags: [String]
    public var buildArgs: [String: String]
    /// The offline network for `ADD <url>` (see `NetworkFixturesFile`); nil: every URL fails.
    public var networkFixtures: URL?
    /// Attach SLSA provenance as BuildKit does (`--provenance`); nil: none.
    public var provenance: ProvenanceMode?
    /// Build arguments whose values must not reach the image (`--sensitive-arg NAME`).
    public var sensitiveArgs: [String] = []
    public var secrets: [SecretSource]
    public var target: String?
    public var noCache: Bool
    /// SOURCE_DATE_EPOCH: the time written into files and history (default 0).
    public var epoch: Int
    /// The environment secrets with `env=` are read from.
    public var environment: [String: String]

    public init(
        contextDirectory: URL, dockerfile: URL? = nil, tags: [String] = [], buildArgs: [String: String] = [:],
        secrets: [SecretSource] = [], target: String? = nil, noCache: Bool = false, epoch: Int = 0, environment: [String: String] = [:]
    ) {
        self.contextDirectory = contextDirectory
        self.dockerfile = dockerfile
        self.tags = tags
        self.buildArgs = buildArgs
        self.secrets = secrets
        self.target = target
        self.noCache = noCache
        self.epoch = epoch
        self.environment = environment
    }
}

/// What a finished build produced.
public struct BuildOutcome: Sendable {
    /// The image ID (config digest) and manifest digest.
    public var imageID: String
    public var manifestDigest: String
    public var tags: [String]
    /// The audit of the result: declared secrets in layers, config, history and log.
    public var report: AuditReport
    /// Steps answered from the cache, by name.
    public var cachedSteps: [String]
    public var executedSteps: [String]
    /// `--explain-cache` lines.
    public var cacheExplanations: [String]
}
