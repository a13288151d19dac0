/// A command line that does not fit its command: exit status 2, printed as
///
///     Error: unknown option '--tagg' (did you mean '--tag'?)
///     Usage: strata build [OPTIONS] CONTEXT
///     See 'strata build --help' for more information.
struct UsageError: Error, Sendable {
    var command: String
    var message: String
    var suggestion: String?

    init(command: String, message: String, suggestion: String? = nil) {
        self.command = command
        self.message = message
        self.suggestion = suggestion
    }
}
