import StrataDockerfile
import StrataLLB
import StrataOCI
import StrataSupport

/// What BuildKit's dispatcher tracks for one stage while converting it: the current vertex,
/// the image config being built, and the ARGs and ENV in scope.
struct StageState {
    var index: Int
    var displayName: String
    var vertex: Digest
    var config: ContainerConfig
    var history: [History]
    var author: String?
    /// ENV and ARG values as the RUN environment sees them, in order, later wins.
    var environment: [(key: String, value: String)] {
        get { orderedEnvironment }
        set {
            orderedEnvironment = newValue
            lookup = Self.lookup(of: newValue)
        }
    }
    private var orderedEnvironment: [(key: String, value: String)]
    /// The environment as a lookup for word expansion, kept in step with `environment`: every
    /// instruction expands against it, and rebuilding it each time cost more than the rest of
    /// converting a long Dockerfile.
    private(set) var lookup: [String: String]
    /// Declared ARGs in declaration order with their values (nil: declared without a value).
    var buildArgs: [(key: String, value: String?)] = []
    /// Whether this stage set CMD itself (ENTRYPOINT then keeps it).
    var cmdSet = false
    var commandIndex = 0
    var commandTotal = 0
    var mountedSecrets: [String] = []
    var dependencies: [Int] = []

    var workingDirectory: String { config.workingDir.flatMap { $0.isEmpty ? nil : $0 } ?? "/" }
    var shell: [String] { config.shell ?? ["/bin/sh", "-c"] }

    init(
        index: Int, displayName: String, vertex: Digest, config: ContainerConfig, history: [History],
        environment: [(key: String, value: String)]
    ) {
        self.index = index
        self.displayName = displayName
        self.vertex = vertex
        self.config = config
        self.history = history
        self.orderedEnvironment = environment
        self.lookup = Self.lookup(of: environment)
    }

    private static func lookup(of environment: [(key: String, value: String)]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in environment { result[key] = value }
        return result
    }

    mutating func setEnvironment(_ key: String, _ value: String) {
        if lookup[key] != nil, let index = orderedEnvironment.firstIndex(where: { $0.key == key }) {
            orderedEnvironment[index].value = value
        } else {
            orderedEnvironment.append((key, value))
        }
        lookup[key] = value
    }

    /// The RUN environment as `K=V` strings, with BuildKit's default PATH when none is set.
    var execEnvironment: [String] {
        var entries = environment.map { "\($0.key)=\($0.value)" }
        if !environment.contains(where: { $0.key == "PATH" }) {
            entries.insert("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", at: 0)
        }
        return entries
    }

    /// BuildKit's progress name: `[stage 2/4] RUN ...` (no prefix for a single unnamed stage).
    mutating func stepName(_ text: String) -> String {
        commandIndex += 1
        let prefix = displayName.isEmpty ? "" : displayName + " "
        return "[\(prefix)\(commandIndex)/\(commandTotal)] \(text)"
    }

    mutating func addHistory(_ createdBy: String, emptyLayer: Bool) {
        history.append(History(createdBy: createdBy, comment: "buildkit.dockerfile.v0", emptyLayer: emptyLayer ? true : nil))
    }
}
