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
}
