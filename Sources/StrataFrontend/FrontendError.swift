import StrataSupport

/// A Dockerfile the frontend cannot turn into a build, with where and what to do.
public struct FrontendError: LocatedError, Sendable {
    public var diagnostic: Diagnostic

    init(_ message: String, at location: SourceLocation?, line: String? = nil) {
        diagnostic = Diagnostic(.error, message, at: location, sourceLine: line)
    }
}
