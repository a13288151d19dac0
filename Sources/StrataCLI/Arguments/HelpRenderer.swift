/// Renders `--help` text in swift-argument-parser's layout.
enum HelpRenderer {
    static func render(_ spec: CommandSpec) -> String {
        var out = "OVERVIEW: \(spec.overview)\n"
        if let discussion = spec.discussion { out += "\n\(discussion)\n" }
        out += "\nUSAGE: \(spec.usage)\n"
        if !spec.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for argument in spec.arguments { out += row("<\(argument.name)>", argument.help) }
        }
        for group in spec.optionGroups where !group.options.isEmpty {
            out += "\n\(group.title):\n"
            for option in group.options { out += row(label(option), option.help) }
        }
        if spec.subcommands.isEmpty {
            out += "\nOPTIONS:\n" + row("-h, --help", "Show help information.")
        } else {
            out += "\nOPTIONS:\n" + row("--store <dir>", "Store directory (default: $STRATA_STORE, else $XDG_DATA_HOME/strata).")
            out += row("--version", "Show the version.")
            out += row("-h, --help", "Show help information.")
            out += "\nSUBCOMMANDS:\n"
            for subcommand in spec.subcommands { out += row(subcommand.name, subcommand.overview) }
            out += "\n  See 'strata help <subcommand>' for detailed help.\n"
        }
        return out
    }

    private static func label(_ option: OptionSpec) -> String {
        var text = option.names.joined(separator: ", ")
        switch option.kind {
        case .flag: break
        case .value(let name), .repeated(let name): text += " <\(name)>"
        }
        return text
    }

    private static func row(_ label: String, _ help: String) -> String {
        let padded = "  " + label
        if padded.count < 26 { return padded + String(repeating: " ", count: 26 - padded.count) + help + "\n" }
        return padded + "\n" + String(repeating: " ", count: 26) + help + "\n"
    }
}
