import StrataSupport

/// Why a build could not start or finish, beyond the Dockerfile's own errors.
public enum BuildError: Error, CustomStringConvertible {
    case contextNotFound(String)
    case unreadableContext(String)
    case dockerfileNotFound(String)
    /// A secret a reachable stage needs could not be resolved; lists what was tried.
    case missingSecret(id: String, tried: [String])
    case stepFailed(StepFailure)
    /// A build check configured as an error (`# check=error=true`) fired.
    case checkFailed(String)

    public var description: String {
        switch self {
        case .contextNotFound(let path): "unable to prepare context: path \"\(path)\" not found"
        case .unreadableContext(let path): "cannot read \(path) in the build context"
        case .dockerfileNotFound(let path): "failed to read dockerfile: open \(path): no such file or directory"
        case .missingSecret(let id, let tried):
            "secret \(id) not found: not found (tried: \(tried.joined(separator: ", "))); pass it with --secret id=\(id),src=PATH or --secret id=\(id),env=VAR"
        case .checkFailed(let diagnostic): "\(diagnostic)\n(the Dockerfile's `# check=error=true` makes build checks errors)"
        case .stepFailed(let failure):
            Diagnostic(.error, "\(failure.step): \(failure.message)", at: failure.location, sourceLine: failure.excerpt.first { $0.failing }?.text).description
        }
    }
}

/// A step that failed: what ran, where it is in the Dockerfile, and what went wrong.
public struct StepFailure: Sendable {
    public var step: String
    public var location: SourceLocation?
    public var message: String
    /// The instruction's lines with one line of context each side.
    public var excerpt: [(number: Int, text: String, failing: Bool)]

    /// BuildKit's plain-progress failure block:
    ///
    ///     ------
    ///      > [2/2] RUN exit 3:
    ///     ------
    ///     Dockerfile:2
    ///     --------------------
    ///        1 |     FROM busybox
    ///        2 | >>> RUN exit 3
    ///     --------------------
    ///     ERROR: executor failed running [/bin/sh -c exit 3]: exit code: 3
    public var buildKitReport: String {
        var out = "------\n > \(step):\n------\n"
        if let location, !excerpt.isEmpty {
            out += "\(location.file):\(location.line)\n--------------------\n"
            for line in excerpt {
                let number = String(line.number)
                out += String(repeating: " ", count: max(0, 4 - number.count)) + number + " | " + (line.failing ? ">>> " : "    ") + line.text + "\n"
            }
            out += "--------------------\n"
        }
        return out + "ERROR: \(message)\n"
    }
}
