/// Non-local control flow inside the interpreter, carried as a typed error.
enum ShellControl: Error {
    case exit(Int32)
    case returnFromFunction(Int32)
    case breakLoop(Int)
    case continueLoop(Int)
    case limit(ShellLimitViolation)
    /// A write to a pipe whose reader has already taken all it will read (`yes | head -n 3`):
    /// the writing process dies of SIGPIPE, status 141.
    case brokenPipe
}

/// How much of a pipe the command reading it consumes before it exits, when the shell can
/// tell from its words (`head -n 3`, `head -c 10`). Pipeline stages run one after another, so
/// without this `yes | head` would never end: the writer is stopped once the reader is served.
enum PipeDemand: Equatable {
    case lines(Int)
    case bytes(Int)
}

/// Where output bytes go until the redirection or stream that owns them closes.
final class OutputSink {
    enum Target { case stdout, stderr, file(String), pipe, discard }
    let target: Target
    var bytes: [UInt8] = []
    var provenance = Provenance.clean
    /// Bytes the file already held when opened, for the per-file limit.
    var baseSize = 0
    /// For a pipe: what its reader will consume; once served, further writes break the pipe.
    var demand: PipeDemand?
    var demandMet = false
    private var linesWritten = 0

    /// Notes what a write added, against the reader's demand.
    func account(_ bytes: [UInt8]) {
        guard let demand, !demandMet else { return }
        switch demand {
        case .bytes(let count):
            demandMet = self.bytes.count >= count
        case .lines(let count):
            for b in bytes where b == 0x0A {
                linesWritten += 1
                if linesWritten >= count { demandMet = true; break }
            }
        }
    }

    init(_ target: Target) { self.target = target }
}

/// A readable stream with a shared read offset, so successive `read`s consume it.
final class InputSource {
    var data: ProvenancedBytes
    var offset = 0

    init(_ data: ProvenancedBytes) { self.data = data }

    var remaining: ProvenancedBytes {
        ProvenancedBytes(Array(data.bytes[min(offset, data.bytes.count)...]), provenance: data.provenance)
    }
}

enum FileDescriptor {
    case output(OutputSink)
    case input(InputSource)
}

/// A `PATH` search result and the conditions under which it still holds.
struct CachedCommand {
    var searchPath: String
    var cwd: String
    var generation: Int
    /// The executable found, nil when none was.
    var path: String?
    /// `path` with every symlink resolved (which applet or script it is).
    var real: String?
}

struct Variable {
    var value: ShellString
    var exported = false
    var readonly = false
}

/// The state of one shell process. Internal and single-threaded: the runner creates one per
/// run and reads the file system back when it finishes.
final class Interpreter {
    /// Every mutating call through `fs` (a write, mkdir, chmod, rename...) bumps
    /// `fsGeneration`, which invalidates what was cached about the tree (command lookups).
    var fs: any ShellFileSystem {
        didSet { fsGeneration &+= 1 }
    }
    /// Changes whenever the file system may have changed; see `fs`.
    private(set) var fsGeneration = 0
    /// Command lookups by name, valid while `PATH`, the working directory and the file
    /// system generation they were made under still hold.
    var commandCache: [String: CachedCommand] = [:]
    var variables: [String: Variable] = [:]
    var functions: [String: ShellCommand] = [:]
    var positional: [ShellString] = []
    var arg0 = "sh"
    var lastStatus: Int32 = 0
    var cwd: String
    let user: ShellUser
    let limits: ShellLimits
    var clock: Int
    let startClock: Int
    let processID: Int
    let dialect: ShellDialect
    var errexit = false
    var nounset = false
    var xtrace = false
    var pipefail = false
    var noglob = false
    /// Non-zero while evaluating a condition, where `set -e` does not apply.
    var errexitSuppressed = 0
    var fds: [Int: FileDescriptor] = [:]
    let stdoutSink = OutputSink(.stdout)
    let stderrSink = OutputSink(.stderr)
    var written: [String: Provenance] = [:]
    var writtenOrder: [String] = []
    var totalWritten = 0
    var commandCount = 0
    var depth = 0
    var localFrames: [[String: Variable?]] = []
    var exitTrap: String?
    var mktempCounter = 0
    var lineNumber = 0
    var lastSubstitutionStatus: Int32?
    var umask: UInt32 = 0o022
    /// Programs found on the file system that no model covers, by resolved path.
    var unsupportedCommands: [String] = []
    /// Sinks opened by `exec >file`, flushed when the shell ends.
    var persistentSinks: [OutputSink] = []
    /// Parsed `$(( ))` expressions by text: a loop re-expands the same one every iteration.
    var arithmeticCache: [String: ArithmeticExpression] = [:]

    init(
        fileSystem: any ShellFileSystem, environment: [String: ShellString], workingDirectory: String, user: ShellUser,
        limits: ShellLimits, clock: Int, processID: Int, dialect: ShellDialect
    ) {
        fs = fileSystem
        cwd = workingDirectory
        self.user = user
        self.limits = limits
        self.clock = clock
        startClock = clock
        self.processID = processID
        self.dialect = dialect
        for (name, value) in environment { variables[name] = Variable(value: value, exported: true) }
        if variables["PATH"] == nil {
            variables["PATH"] = Variable(value: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", exported: true)
        }
        variables["IFS"] = Variable(value: " \t\n")
        variables["PWD"] = Variable(value: ShellString(workingDirectory), exported: true)
        fds[1] = .output(stdoutSink)
        fds[2] = .output(stderrSink)
        fds[0] = .input(InputSource(ProvenancedBytes()))
        arg0 = dialect == .bash ? "bash" : "sh"
    }

    // MARK: entry points

    func runScript(_ script: String) -> ShellResult {
        let tree: ShellCommand
        do {
            tree = try Parser.parse(script, dialect: dialect == .bash ? .bash : .sh)
        } catch {
            writeError("\(arg0): \(error.description)")
            var result = makeResult(status: 2)
            result.syntaxError = error
            return result
        }
        var status: Int32
        var violation: ShellLimitViolation?
        do {
            try execute(tree)
            status = lastStatus
        } catch {
            switch error {
            case .exit(let code): status = code
            case .limit(let limit): violation = limit; status = 1
            case .returnFromFunction(let code): status = code
            case .breakLoop, .continueLoop: status = lastStatus
            case .brokenPipe: status = 141
            }
        }
        if violation == nil {
            do { try closeSinks(persistentSinks) } catch { if case .limit(let limit) = error { violation = limit; status = 1 } }
            persistentSinks = []
        }
        if violation == nil, let trap = exitTrap {
            exitTrap = nil
            lastStatus = status
            do { try evalString(trap) } catch {
                if case .limit(let limit) = error { violation = limit; status = 1 }
                if case .exit(let code) = error { status = code }
            }
        }
        if let violation { writeError(violation.message) }
        var result = makeResult(status: status)
        result.limitViolation = violation
        return result
    }

    func runArgv(_ argv: [String]) -> ShellResult {
        var status: Int32 = 0
        var violation: ShellLimitViolation?
        if let name = argv.first {
            do {
                status = try runExternal(name: name, arguments: argv.dropFirst().map { ShellString($0) }, execForm: true)
            } catch {
                if case .limit(let limit) = error { violation = limit; status = 1 }
                if case .exit(let code) = error { status = code }
            }
        }
        if let violation { writeError(violation.message) }
        var result = makeResult(status: status)
        result.limitViolation = violation
        return result
    }

    private func makeResult(status: Int32) -> ShellResult {
        ShellResult(
            exitStatus: status,
            stdout: ProvenancedBytes(stdoutSink.bytes, provenance: stdoutSink.provenance),
            stderr: ProvenancedBytes(stderrSink.bytes, provenance: stderrSink.provenance),
            writtenFiles: writtenOrder.map { WrittenFile(path: $0, provenance: written[$0] ?? .clean) },
            limitViolation: nil, syntaxError: nil, unsupportedCommands: unsupportedCommands)
    }

    // MARK: output

    func write(_ bytes: [UInt8], provenance: Provenance = .clean, to fd: Int) throws(ShellControl) {
        guard case .output(let sink)? = fds[fd] else { return }
        try write(bytes, provenance: provenance, to: sink)
    }

    func write(_ bytes: [UInt8], provenance: Provenance, to sink: OutputSink) throws(ShellControl) {
        if bytes.isEmpty { return }
        switch sink.target {
        case .file(let path):
            if sink.baseSize + sink.bytes.count + bytes.count > limits.maxFileBytes {
                throw .limit(ShellLimitViolation(kind: .fileSize, message: "RUN exceeded the \(ShellLimitViolation.size(limits.maxFileBytes)) write limit in \(path)"))
            }
            try countWrite(bytes.count, path: path)
        case .discard:
            sink.baseSize += bytes.count
            if sink.baseSize > limits.maxOutputBytes {
                throw .limit(ShellLimitViolation(kind: .output, message: "RUN exceeded the \(ShellLimitViolation.size(limits.maxOutputBytes)) output limit"))
            }
            return
        case .pipe:
            if sink.demandMet { throw .brokenPipe }
            if sink.bytes.count + bytes.count > limits.maxOutputBytes {
                throw .limit(ShellLimitViolation(kind: .output, message: "RUN exceeded the \(ShellLimitViolation.size(limits.maxOutputBytes)) output limit"))
            }
            sink.bytes += bytes
            sink.account(bytes)
            if !provenance.isClean { sink.provenance.merge(provenance) }
            return
        default:
            if sink.bytes.count + bytes.count > limits.maxOutputBytes {
                throw .limit(ShellLimitViolation(kind: .output, message: "RUN exceeded the \(ShellLimitViolation.size(limits.maxOutputBytes)) output limit"))
            }
        }
        sink.bytes += bytes
        if !provenance.isClean { sink.provenance.merge(provenance) }
    }

    func countWrite(_ count: Int, path: String) throws(ShellControl) {
        totalWritten += count
        if totalWritten > limits.maxTotalWrittenBytes {
            throw .limit(ShellLimitViolation(kind: .totalWritten, message: "RUN exceeded the \(ShellLimitViolation.size(limits.maxTotalWrittenBytes)) total write limit in \(path)"))
        }
    }

    func writeOut(_ text: String, provenance: Provenance = .clean) throws(ShellControl) {
        try write(Array(text.utf8), provenance: provenance, to: 1)
    }

    /// Writes a line to fd 2, ignoring limits (error messages are short).
    func writeError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        if case .output(let sink)? = fds[2] {
            if case .file = sink.target { try? write(bytes, provenance: .clean, to: sink); return }
            sink.bytes += bytes
        }
    }

    /// Reads everything left on fd 0.
    func readAllInput() -> ProvenancedBytes {
        guard case .input(let source)? = fds[0] else { return ProvenancedBytes() }
        let rest = source.remaining
        source.offset = source.data.bytes.count
        return rest
    }

    // MARK: file access for programs

    func absolute(_ path: String) -> String { ShellPath.resolve(path, in: cwd) }

    /// Writes a whole file on behalf of a program, recording provenance and enforcing limits.
    func writeFile(_ path: String, _ data: ProvenancedBytes, mode: UInt32 = 0o666, append: Bool = false, applyUmask: Bool = true) throws(ShellControl) -> FileSystemError? {
        let mode = applyUmask ? mode & ~umask : mode
        let full = absolute(path)
        let existing = append ? ((try? fs.stat(full))?.size ?? 0) : 0
        if existing + data.bytes.count > limits.maxFileBytes {
            throw .limit(ShellLimitViolation(kind: .fileSize, message: "RUN exceeded the \(ShellLimitViolation.size(limits.maxFileBytes)) write limit in \(full)"))
        }
        try countWrite(data.bytes.count, path: full)
        do {
            let real = (try? fs.realpath(full)) ?? full
            if append { try fs.appendFile(full, data, mode: mode) } else { try fs.writeFile(full, data, mode: mode) }
            record(real, data.provenance)
            return nil
        } catch {
            return error
        }
    }

    func record(_ path: String, _ provenance: Provenance) {
        if let existing = written[path] {
            written[path] = existing.merged(with: provenance)
        } else {
            written[path] = provenance
            writtenOrder.append(path)
        }
    }

    /// Drops removed paths from the written list: they are not in the result.
    func forget(_ path: String) {
        let prefix = path + "/"
        let gone = writtenOrder.filter { $0 == path || $0.hasPrefix(prefix) }
        if gone.isEmpty { return }
        for key in gone { written[key] = nil }
        writtenOrder.removeAll { $0 == path || $0.hasPrefix(prefix) }
    }

    // MARK: variables

    func value(_ name: String) -> ShellString? { variables[name]?.value }

    func setVariable(_ name: String, _ value: ShellString, export: Bool? = nil) throws(ShellControl) {
        // One hash lookup for the common case of an existing variable (loop counters).
        if let index = variables.index(forKey: name) {
            if variables.values[index].readonly {
                writeError("\(arg0): \(name): is read only")
                throw .exit(2)
            }
            variables.values[index].value = value
            if let export, export { variables.values[index].exported = true }
            return
        }
        var variable = Variable(value: value)
        if let export { variable.exported = export }
        variables[name] = variable
    }

    var exportedEnvironment: [(String, ShellString)] {
        variables.filter { $0.value.exported }.map { ($0.key, $0.value.value) }.sorted { $0.0 < $1.0 }
    }

    // MARK: limits

    func countCommand() throws(ShellControl) {
        commandCount += 1
        if commandCount > limits.maxCommands {
            throw .limit(ShellLimitViolation(kind: .commands, message: "RUN exceeded the limit of \(limits.maxCommands) commands"))
        }
    }

    func enter() throws(ShellControl) {
        depth += 1
        if depth > limits.maxRecursionDepth {
            throw .limit(ShellLimitViolation(kind: .recursion, message: "RUN exceeded the recursion depth limit of \(limits.maxRecursionDepth)"))
        }
    }

    func advanceClock(_ seconds: Int) throws(ShellControl) {
        clock += seconds
        if clock - startClock > limits.maxSimulatedSeconds {
            throw .limit(ShellLimitViolation(kind: .time, message: "RUN exceeded the simulated time limit of \(limits.maxSimulatedSeconds) seconds"))
        }
    }
}
