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

    public init(command: CommandForm, mounts: [Mount] = [], network: String? = nil, security: String? = nil,
                heredocs: [Heredoc] = []) {
        self.command = command
        self.mounts = mounts
        self.network = network
        self.security = security
        self.heredocs = heredocs
    }
}
