import StrataSupport

/// An image's configuration: what runs, as whom, where, and the layers' history and diff ids
/// (OCI config.md, with Docker's extra fields).
///
/// Fields are optional and omitted when nil, like Go's `omitempty`; `null` in the input
/// (Docker writes `"OnBuild": null`) reads as nil. Fields Strata does not model are kept in
/// `extra` and written back, so decoding and re-encoding a Docker or BuildKit config loses
/// nothing. A config's digest is always taken over the bytes as stored, never a re-encoding.
public struct ImageConfig: Sendable, Equatable {
    public var created: String?
    public var author: String?
    public var architecture: String
    public var os: String
    public var osVersion: String?
    public var osFeatures: [String]?
    public var variant: String?
    public var config: ContainerConfig?
    public var rootfs: RootFS
    public var history: [History]?
    /// Top-level fields not modelled above (for example Docker's `container_config`).
    public var extra: [String: JSONValue]

    public init(
        architecture: String = "amd64", os: String = "linux", created: String? = nil, author: String? = nil,
        config: ContainerConfig? = nil, rootfs: RootFS = RootFS(diffIDs: []), history: [History]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.architecture = architecture
        self.os = os
        self.created = created
        self.author = author
        self.config = config
        self.rootfs = rootfs
        self.history = history
        self.extra = extra
    }

    /// Layers, bottom first, as the digests of their uncompressed tars.
    public var diffIDs: [Digest] { rootfs.diffIDs }
}

/// The runtime part of a config, with Docker's capitalised field names.
public struct ContainerConfig: Sendable, Equatable {
    public var user: String?
    public var exposedPorts: [String: EmptyObject]?
    public var env: [String]?
    public var entrypoint: [String]?
    public var cmd: [String]?
    public var volumes: [String: EmptyObject]?
    public var workingDir: String?
    public var labels: [String: String]?
    public var stopSignal: String?
    public var argsEscaped: Bool?
    public var healthcheck: Healthcheck?
    public var shell: [String]?
    public var onBuild: [String]?
    /// Fields not modelled above (Docker's `Hostname`, `Tty`, …), kept for the round trip.
    public var extra: [String: JSONValue]

    public init(
        user: String? = nil, exposedPorts: [String: EmptyObject]? = nil, env: [String]? = nil,
        entrypoint: [String]? = nil, cmd: [String]? = nil, volumes: [String: EmptyObject]? = nil,
        workingDir: String? = nil, labels: [String: String]? = nil, stopSignal: String? = nil,
        argsEscaped: Bool? = nil, healthcheck: Healthcheck? = nil, shell: [String]? = nil,
        onBuild: [String]? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.user = user
        self.exposedPorts = exposedPorts
        self.env = env
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.volumes = volumes
        self.workingDir = workingDir
        self.labels = labels
        self.stopSignal = stopSignal
        self.argsEscaped = argsEscaped
        self.healthcheck = healthcheck
        self.shell = shell
        self.onBuild = onBuild
        self.extra = extra
    }
}

/// `{}`: the value of each key in `ExposedPorts` and `Volumes`.
public struct EmptyObject: Codable, Sendable, Equatable, Hashable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: AnyCodingKey.self)
    }
}

/// `HEALTHCHECK`: durations are nanoseconds, as Go's time.Duration marshals.
public struct Healthcheck: Codable, Sendable, Equatable {
    public var test: [String]?
    public var interval: Int64?
    public var timeout: Int64?
    public var startPeriod: Int64?
    public var startInterval: Int64?
    public var retries: Int?

    public init(test: [String]? = nil, interval: Int64? = nil, timeout: Int64? = nil, startPeriod: Int64? = nil, startInterval: Int64? = nil, retries: Int? = nil) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.startInterval = startInterval
        self.retries = retries
    }

    enum CodingKeys: String, CodingKey {
        case test = "Test", interval = "Interval", timeout = "Timeout"
        case startPeriod = "StartPeriod", startInterval = "StartInterval", retries = "Retries"
    }
}

/// `rootfs`: always of type `layers`.
public struct RootFS: Codable, Sendable, Equatable {
    public var type: String
    public var diffIDs: [Digest]

    public init(type: String = "layers", diffIDs: [Digest]) {
        self.type = type
        self.diffIDs = diffIDs
    }

    enum CodingKeys: String, CodingKey {
        case type
        case diffIDs = "diff_ids"
    }
}

/// One step of how the image was made; `emptyLayer` steps changed only the config.
public struct History: Codable, Sendable, Equatable {
    public var created: String?
    public var createdBy: String?
    public var author: String?
    public var comment: String?
    public var emptyLayer: Bool?

    public init(created: String? = nil, createdBy: String? = nil, author: String? = nil, comment: String? = nil, emptyLayer: Bool? = nil) {
        self.created = created
        self.createdBy = createdBy
        self.author = author
        self.comment = comment
        self.emptyLayer = emptyLayer
    }

    /// Whether this step has a layer in `rootfs.diff_ids`.
    public var hasLayer: Bool { emptyLayer != true }

    enum CodingKeys: String, CodingKey {
        case created, author, comment
        case createdBy = "created_by"
        case emptyLayer = "empty_layer"
    }
}
