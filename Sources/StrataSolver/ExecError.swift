import StrataShell

/// Why a step failed, worded as BuildKit (docker 20.10's) words it where it has a message.
public enum ExecError: Error, Equatable, CustomStringConvertible {
    /// `executor failed running [/bin/sh -c exit 3]: exit code: 3`
    case nonZeroExit(command: [String], status: Int32)
    /// `secret tok not found: not found`
    case secretNotFound(String)
    case limitExceeded(String)
    case copySourceMissing(String)
    case invalidOwner(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .nonZeroExit(let command, let status):
            "executor failed running [\(command.joined(separator: " "))]: exit code: \(status)"
        case .secretNotFound(let id): "secret \(id) not found: not found"
        case .limitExceeded(let message): message
        case .copySourceMissing(let path): "failed to compute cache key: \"\(path)\" not found: not found"
        case .invalidOwner(let message): message
        case .unsupported(let message): message
        }
    }
}
