/// The declared shape of one command: what `--help` prints and what the parser accepts.
///
/// Commands are data so that help, parsing, "did you mean" and the docs all come from one
/// place, in the shape swift-argument-parser users expect (OVERVIEW, USAGE, ARGUMENTS, OPTIONS).
struct CommandSpec: Sendable {
    var name: String
    var overview: String
    var usage: String
    var discussion: String?
    var arguments: [ArgumentSpec] = []
    var optionGroups: [OptionGroup] = []
    /// Subcommands, for the top-level command.
    var subcommands: [(name: String, overview: String)] = []
}

struct ArgumentSpec: Sendable {
    var name: String
    var help: String
}

/// Options listed together under a title such as `BUILD OPTIONS:`.
struct OptionGroup: Sendable {
    var title: String
    var options: [OptionSpec]
}

struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// A boolean switch: `--no-cache`.
        case flag
        /// Takes one value: `--file FILE`, `--file=FILE`, `-f FILE`.
        case value(String)
        /// Takes a value and may repeat: `--build-arg K=V --build-arg K2=V2`.
        case repeated(String)
    }

    var names: [String]
    var kind: Kind
    var help: String

    /// The key under which parsed values are stored: the first long name without dashes.
    var key: String {
        let long = names.first { $0.hasPrefix("--") } ?? names[0]
        return String(long.drop { $0 == "-" })
    }

    var takesValue: Bool {
        if case .flag = kind { return false }
        return true
    }
}
