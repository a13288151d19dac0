/// A value the shell handles: text together with the provenance of its bytes.
public struct ShellString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String
    public var provenance: Provenance

    public init(_ text: String, provenance: Provenance = .clean) {
        self.text = text
        self.provenance = provenance
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { text }
}

/// Which shell interprets a shell-form `RUN`: `bash` adds `[[ ]]`, `&>`, here-strings, `$'...'`.
public enum ShellDialect: String, Sendable, Hashable { case sh, bash }

/// The user a `RUN` executes as.
public struct ShellUser: Hashable, Sendable {
    public var name: String
    public var uid: Int
    public var gid: Int
    public var home: String
    /// The process's supplementary groups (what `getgroups` returns), when the runtime set
    /// them; nil: `id` derives them from /etc/group with the primary group first.
    public var supplementaryGroups: [Int]?

    public init(name: String = "root", uid: Int = 0, gid: Int = 0, home: String = "/root", supplementaryGroups: [Int]? = nil) {
        self.name = name
        self.uid = uid
        self.gid = gid
        self.home = home
        self.supplementaryGroups = supplementaryGroups
    }

    public static let root = ShellUser()
}

/// A file the run wrote, and where its bytes came from.
public struct WrittenFile: Hashable, Sendable {
    public var path: String
    public var provenance: Provenance
}

/// What a run produced.
public struct ShellResult: Sendable {
    public var exitStatus: Int32
    public var stdout: ProvenancedBytes
    public var stderr: ProvenancedBytes
    /// Files written, in the order first written, each with the union provenance of its writes.
    public var writtenFiles: [WrittenFile]
    /// Set when the run was stopped by a limit; the status is then 1 and stderr ends with the message.
    public var limitViolation: ShellLimitViolation?
    /// Set when the script did not parse (status 2, as busybox).
    public var syntaxError: ShellSyntaxError?
    /// Executables the script ran that are neither busybox applets nor shell scripts (resolved
    /// paths such as `/usr/bin/apt-get`): the run could not reproduce what they would do.
    public var unsupportedCommands: [String] = []
}

/// Runs scripts and commands over a file system, as a `RUN` step would.
///
/// Deterministic: time comes from `clock` and only `sleep` advances it, `$$` is `processID`,
/// and nothing reads the host except through `fileSystem`.
public struct ShellRunner<FileSystem: ShellFileSystem> {
    public var fileSystem: FileSystem
    public var environment: [String: ShellString]
    public var workingDirectory: String
    public var user: ShellUser
    public var limits: ShellLimits
    /// Seconds since the epoch at which the run starts.
    public var clock: Int
    public var processID: Int

    public init(
        fileSystem: FileSystem, environment: [String: ShellString] = [:], workingDirectory: String = "/",
        user: ShellUser = .root, limits: ShellLimits = ShellLimits(), clock: Int = 1_700_000_000, processID: Int = 1
    ) {
        self.fileSystem = fileSystem
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
        self.limits = limits
        self.clock = clock
        self.processID = processID
    }

    /// Runs `script` as `/bin/sh -c script` (or bash); the file system is updated in place.
    /// `name` is the shell's `argv[0]` (`$0` and the prefix of its error messages), e.g.
    /// `/bin/sh` when a RUN invokes `/bin/sh -c`; nil keeps the dialect's short name.
    public mutating func run(script: String, shell: ShellDialect = .sh, name: String? = nil) -> ShellResult {
        let shellPath = shell == .sh ? "/bin/sh" : "/bin/bash"
        guard fileSystem.exists(shellPath) else {
            return ShellResult(
                exitStatus: 127, stdout: ProvenancedBytes(),
                stderr: ProvenancedBytes(Array("exec \(shellPath): no such file or directory\n".utf8)), writtenFiles: [],
                limitViolation: nil, syntaxError: nil)
        }
        let interpreter = makeInterpreter(dialect: shell)
        if let name { interpreter.arg0 = name }
        // busybox ash exports SHLVL, one more than it inherited.
        let level = (interpreter.variables["SHLVL"].flatMap { Int($0.value.text) } ?? 0) + 1
        interpreter.variables["SHLVL"] = Variable(value: ShellString(String(level)), exported: true)
        let result = interpreter.runScript(script)
        finish(interpreter)
        return result
    }

    /// Runs an exec-form command (`RUN ["cp", "a", "b"]`), looked up on `PATH` without a shell.
    public mutating func run(argv: [String]) -> ShellResult {
        let interpreter = makeInterpreter(dialect: .sh)
        let result = interpreter.runArgv(argv)
        finish(interpreter)
        return result
    }

    private func makeInterpreter(dialect: ShellDialect) -> Interpreter {
        Interpreter(
            fileSystem: fileSystem, environment: environment, workingDirectory: workingDirectory, user: user,
            limits: limits, clock: clock, processID: processID, dialect: dialect)
    }

    private mutating func finish(_ interpreter: Interpreter) {
        if let updated = interpreter.fs as? FileSystem { fileSystem = updated }
    }
}

extension ShellRunner: Sendable where FileSystem: Sendable {}
