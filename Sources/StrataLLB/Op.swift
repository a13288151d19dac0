import StrataSupport

/// One operation of the build graph, mirroring BuildKit's LLB ops: a source, an exec or a
/// file op. Values only: the solver gives them meaning.
///
/// An operation's identity (`Vertex.digest`) covers everything that affects its result except
/// secret values: a secret mount contributes its id and target, never its bytes.
public enum Op: Hashable, Sendable, Codable {
    case source(SourceOp)
    case exec(ExecOp)
    case file(FileOp)
}

/// Where a build's files come from.
public enum SourceOp: Hashable, Sendable, Codable {
    /// The empty filesystem (`FROM scratch`).
    case scratch
    /// An image by reference, resolved from the store or the built-in images.
    case image(reference: String)
    /// The build context, filtered by `.dockerignore` patterns and, when known, only the paths
    /// an instruction reads (so unrelated context changes do not invalidate it).
    case context(name: String, include: [String], exclude: [String])
    /// Content an instruction writes inline (a heredoc).
    case inline(files: [InlineFile])
}

public struct InlineFile: Hashable, Sendable, Codable {
    public var path: String
    public var content: [UInt8]
    public var mode: UInt32

    public init(path: String, content: [UInt8], mode: UInt32 = 0o644) {
        self.path = path
        self.content = content
        self.mode = mode
    }
}

/// A `RUN`: run a command with the root filesystem from input 0 and the given mounts.
public struct ExecOp: Hashable, Sendable, Codable {
    public var arguments: [String]
    public var environment: [String]
    public var workingDirectory: String
    public var user: String
    public var mounts: [Mount]
    public var network: String
    /// For reports: `RUN ...` as written.
    public var shellScript: String?

    public init(
        arguments: [String], environment: [String], workingDirectory: String, user: String = "",
        mounts: [Mount] = [], network: String = "default", shellScript: String? = nil
    ) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
        self.mounts = mounts
        self.network = network
        self.shellScript = shellScript
    }
}

/// A mount for one exec. Ephemeral kinds leave nothing in the output snapshot.
public struct Mount: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        /// A secret file: the bytes come from the secret provider at run time.
        case secret(id: String, required: Bool, mode: UInt32, uid: Int, gid: Int, environmentName: String?)
        /// A persistent directory shared across builds, keyed by id.
        case cache(id: String, sharing: String, readOnly: Bool, mode: UInt32, uid: Int, gid: Int)
        /// A view of an input (context, stage or image) at `source`; writes are discarded.
        case bind(input: Int, source: String, readWrite: Bool)
        case tmpfs(size: Int?)
        case ssh(id: String, required: Bool, mode: UInt32, uid: Int, gid: Int)
    }

    public var target: String
    public var kind: Kind

    public init(target: String, kind: Kind) {
        self.target = target
        self.kind = kind
    }
}

/// A sequence of file actions on input 0 (COPY, ADD, WORKDIR's mkdir).
public struct FileOp: Hashable, Sendable, Codable {
    public var actions: [FileAction]

    public init(actions: [FileAction]) { self.actions = actions }
}

public enum FileAction: Hashable, Sendable, Codable {
    case mkdir(path: String, mode: UInt32, makeParents: Bool, owner: Owner?)
    case mkfile(path: String, content: [UInt8], mode: UInt32, owner: Owner?)
    case remove(path: String, allowNotFound: Bool)
    /// Copy `sources` (paths or globs in input `from`) to `destination` in input 0.
    case copy(CopyAction)
}

public struct Owner: Hashable, Sendable, Codable {
    /// A name or a numeric id, resolved against the destination's /etc/passwd and /etc/group.
    public var user: String
    public var group: String?

    public init(user: String, group: String?) {
        self.user = user
        self.group = group
    }
}

public struct CopyAction: Hashable, Sendable, Codable {
    /// The vertex input the sources are read from.
    public var from: Int
    public var sources: [String]
    public var destination: String
    public var owner: Owner?
    public var mode: String?
    /// Directories copy their contents (COPY semantics) rather than themselves.
    public var copyDirectoryContents: Bool = true
    /// Local tar archives are extracted (ADD semantics).
    public var extractArchives: Bool = false
    public var followSymlinks: Bool = true
    public var createDestinationPath: Bool = true
    public var allowWildcards: Bool = true
    public var allowEmptyWildcard: Bool = false
    public var keepParents: Bool = false
    public var exclude: [String] = []

    public init(from: Int, sources: [String], destination: String) {
        self.from = from
        self.sources = sources
        self.destination = destination
    }
}
