import StrataSupport

/// The flags one instruction accepts, parsed like BuildKit's `BFlags`: `--name=value` for
/// strings (repeatable ones collect every value), `--name` or `--name=true|false` for booleans.
struct FlagSet {
    enum Kind { case bool, string, strings }

    let declared: [String: Kind]
    private(set) var bools: [String: Bool] = [:]
    private(set) var strings: [String: String] = [:]
    private(set) var lists: [String: [String]] = [:]

    init(_ declared: [String: Kind]) {
        self.declared = declared
    }

    /// Parses `flags`; errors name the offending flag and suggest a close match.
    mutating func parse(_ flags: [String]) throws(FlagError) {
        var used: Set<String> = []
        for argument in flags {
            guard argument.unicodeScalars.starts(with: "--".unicodeScalars) else { throw FlagError(message: "arg should start with -- : \(argument)", flag: argument) }
            if argument.isIdentical(to: "--") { return }
            var name = String(argument.unicodeScalars.dropFirst(2))
            var value: String?
            if let (before, after) = name.splitOnce(at: "=") {
                value = after
                name = before
            }
            guard let kind = declared[name] else {
                let base = "unknown flag \"--\(name)\""
                let hint = suggestion(for: name, in: declared.keys.sorted()).map { ", did you mean \"--\($0)\"?" } ?? ""
                throw FlagError(message: base + hint, flag: argument)
            }
            if used.contains(name) && kind != .strings {
                throw FlagError(message: "duplicate flag specified: \(name)", flag: argument)
            }
            used.insert(name)
            switch kind {
            case .bool:
                switch value?.lowercased() {
                case nil, "true": bools[name] = true
                case "false": bools[name] = false
                case "": throw FlagError(message: "missing a value on flag: \(name)", flag: argument)
                case let other?: throw FlagError(message: "expecting boolean value for flag \(name), not: \(other)", flag: argument)
                }
            case .string:
                guard let value else { throw FlagError(message: "missing a value on flag: \(name)", flag: argument) }
                strings[name] = value
            case .strings:
                guard let value else { throw FlagError(message: "missing a value on flag: \(name)", flag: argument) }
                lists[name, default: []].append(value)
            }
        }
    }
}

/// A flag problem, before the instruction's location is attached.
struct FlagError: Error {
    var message: String
    /// The flag as written, to point the caret at it.
    var flag: String
}
