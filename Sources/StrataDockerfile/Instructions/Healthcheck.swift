/// HEALTHCHECK: `NONE` disables an inherited check; `CMD` sets one.
public struct Healthcheck: Sendable, Hashable {
    /// nil for `HEALTHCHECK NONE`.
    public var test: CommandForm?
    public var interval: Duration?
    public var timeout: Duration?
    public var startPeriod: Duration?
    public var startInterval: Duration?
    public var retries: Int?

    public var isNone: Bool { test == nil }

    public init(test: CommandForm? = nil, interval: Duration? = nil, timeout: Duration? = nil,
                startPeriod: Duration? = nil, startInterval: Duration? = nil, retries: Int? = nil) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.startInterval = startInterval
        self.retries = retries
    }
}
