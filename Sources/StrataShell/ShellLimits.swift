/// Bounds that turn runaway scripts into clear failures instead of hangs.
public struct ShellLimits: Hashable, Sendable {
    /// Largest size any one file may reach.
    public var maxFileBytes: Int
    /// Total bytes the run may write to files.
    public var maxTotalWrittenBytes: Int
    /// Bytes of stdout, stderr, or any pipe or command substitution.
    public var maxOutputBytes: Int
    /// Commands executed, counting every loop iteration's commands.
    public var maxCommands: Int
    public var maxLoopIterations: Int
    /// Nesting of function calls, `eval`, `.` and substitutions.
    public var maxRecursionDepth: Int
    /// Simulated seconds `sleep` may advance the clock.
    public var maxSimulatedSeconds: Int

    public init(
        maxFileBytes: Int = 1 << 30, maxTotalWrittenBytes: Int = 4 << 30, maxOutputBytes: Int = 64 << 20,
        maxCommands: Int = 1_000_000, maxLoopIterations: Int = 100_000, maxRecursionDepth: Int = 200,
        maxSimulatedSeconds: Int = 3600
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalWrittenBytes = maxTotalWrittenBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxCommands = maxCommands
        self.maxLoopIterations = maxLoopIterations
        self.maxRecursionDepth = maxRecursionDepth
        self.maxSimulatedSeconds = maxSimulatedSeconds
    }
}

/// A limit a run exceeded; `message` is what the build reports.
public struct ShellLimitViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case fileSize, totalWritten, output, commands, loopIterations, recursion, time
    }
    public var kind: Kind
    public var message: String
    public var description: String { message }

    /// `1 GiB`, `64 MiB`, `512 bytes`.
    static func size(_ bytes: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (unit, name) in units where bytes >= unit && bytes % unit == 0 { return "\(bytes / unit) \(name)" }
        return "\(bytes) bytes"
    }
}
