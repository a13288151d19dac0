import StrataLLB
import StrataSupport

/// What a build asks of the frontend besides the Dockerfile.
public struct FrontendOptions: Sendable, Equatable {
    /// `--build-arg` values.
    public var buildArgs: [String: String]
    /// `--target`: the stage to build; the last stage when nil.
    public var target: String?
    public var platform: Platform
    /// The name of the main build context.
    public var contextName: String
    /// What `ADD <url>` and `ADD <git repo>` find, since a simulated build has no network.
    public var network: NetworkFixtures = NetworkFixtures()

    public init(buildArgs: [String: String] = [:], target: String? = nil, platform: Platform = .linuxAMD64, contextName: String = "context") {
        self.buildArgs = buildArgs
        self.target = target
        self.platform = platform
        self.contextName = contextName
    }
}

/// The offline network: URL → the files a download (one file) or a git checkout (a tree) gives.
/// Unknown URLs fail as an unreachable host does in BuildKit.
public struct NetworkFixtures: Sendable, Equatable {
    public var files: [String: [InlineFile]]

    public init(files: [String: [InlineFile]] = [:]) { self.files = files }
}

/// An OS/architecture pair such as `linux/amd64`.
public struct Platform: Sendable, Hashable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public static let linuxAMD64 = Platform(os: "linux", architecture: "amd64", variant: nil)

    public var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }

    /// BuildKit's predefined platform ARGs (TARGETPLATFORM, BUILDARCH, …).
    var predefinedArgs: [String: String] {
        var args: [String: String] = [:]
        for prefix in ["TARGET", "BUILD"] {
            args[prefix + "PLATFORM"] = description
            args[prefix + "OS"] = os
            args[prefix + "ARCH"] = architecture
            args[prefix + "VARIANT"] = variant ?? ""
        }
        return args
    }

    /// Proxy ARGs BuildKit accepts without a declaration and keeps out of history.
    static let proxyArgs: Set<String> = [
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy",
        "ALL_PROXY", "all_proxy",
    ]
}
