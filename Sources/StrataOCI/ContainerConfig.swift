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
