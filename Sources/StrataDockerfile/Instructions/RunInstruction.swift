/// `RUN [--mount=…] [--network=…] [--security=…] command`.
public struct RunInstruction: Sendable, Hashable {
    public var command: CommandForm
    public var mounts: [Mount]
    /// `default`, `none` or `host`; nil when not given.
    public var network: String?
    /// `sandbox` or `insecure`; nil when not given.
    public var security: String?
    /// Here-documents on the line; with a shell-form command of just `<<EOF` the first one is
    /// the script itself.
    public var heredocs: [Heredoc]
}

/// `COPY`/`ADD` with their flags. Sources are raw words; heredoc sources are listed separately.
public struct CopyInstruction: Sendable, Hashable {
    public var sources: [String]
    public var destination: String
    /// Sources given as here-documents (`COPY <<EOF /file`), in order.
    public var heredocSources: [Heredoc]
    public var from: String?
    public var chown: String?
    public var chmod: String?
    public var link: Bool
    public var parents: Bool
    public var excludes: [String]
    public var keepGitDir: Bool?
    public var checksum: String?
    /// True when the arguments were a JSON array.
    public var isJSONForm: Bool
}

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
