import StrataSupport

/// What a build reports as it goes, numbered like BuildKit's progress (`#N`). Renderers in
/// the CLI turn these into `--progress=plain`, `quiet` or `rawjson` output.
///
/// Log text has already been redacted: bytes of a declared secret are `[redacted:ID]`.
public enum BuildEvent: Sendable, Equatable {
    /// A step begins; `name` is BuildKit's vertex name such as `[2/3] RUN make`.
    case started(step: Int, name: String)
    /// The step's result came from the cache. `secrets` names the secrets it mounts, since a
    /// cached result may derive from an older value of them.
    case cached(step: Int, name: String, secrets: [String])
    case log(step: Int, elapsed: Double, text: String)
    case done(step: Int, elapsed: Double)
    case failed(step: Int, message: String)
    /// A build check or other note about the Dockerfile.
    case warning(Diagnostic)
}
