import Foundation
import Strata

extension Commands {
    static func engine(_ context: CommandContext) throws -> Engine {
        try Engine(storeRoot: Engine.storeLocation(option: context.storeOption, environment: context.environment))
    }

    static let load = Command(
        spec: CommandSpec(
            name: "load", overview: "Load an image from a docker-archive or OCI layout tar.",
            usage: "strata load -i FILE",
            optionGroups: [OptionGroup(title: "LOAD OPTIONS", options: [
                OptionSpec(names: ["-i", "--input"], kind: .value("file"), help: "Read from this tar archive (docker save output or an OCI layout)."),
                OptionSpec(names: ["-q", "--quiet"], kind: .flag, help: "Suppress the load output."),
            ])]),
        run: { context in
            guard let input = context.arguments.value("input") else {
                throw UsageError(command: "load", message: "an input file is required: strata load -i FILE")
            }
            let names = try engine(context).load(archive: URL(fileURLWithPath: input))
            if !context.arguments.flag("quiet") { for name in names { context.terminal.out("Loaded image: \(name)\n") } }
            return 0
        })

    static let save = Command(
        spec: CommandSpec(
            name: "save", overview: "Save images to a tar archive (docker-archive or OCI layout).",
            usage: "strata save -o FILE [--format docker|oci] IMAGE [IMAGE...]",
            arguments: [ArgumentSpec(name: "image", help: "Images to save, by name:tag or ID.")],
            optionGroups: [OptionGroup(title: "SAVE OPTIONS", options: [
                OptionSpec(names: ["-o", "--output"], kind: .value("file"), help: "Write to this file."),
                OptionSpec(names: ["--format"], kind: .value("format"), help: "docker (default; docker load, skopeo) or oci (umoci, skopeo)."),
            ])]),
        run: { context in
            guard let output = context.arguments.value("output") else {
                throw UsageError(command: "save", message: "an output file is required: strata save -o FILE IMAGE")
            }
            guard !context.arguments.positionals.isEmpty else {
                throw UsageError(command: "save", message: "\"strata save\" requires at least 1 image")
            }
            let name = context.arguments.value("format") ?? "docker"
            guard let format = Engine.ArchiveFormat(rawValue: name) else {
                throw UsageError(command: "save", message: "unknown format \"\(name)\" (use docker or oci)")
            }
            try engine(context).save(context.arguments.positionals, format: format, to: URL(fileURLWithPath: output))
            return 0
        })

    static let images = Command(
        spec: CommandSpec(
            name: "images", overview: "List images in the store.", usage: "strata images [--no-trunc]",
            optionGroups: [OptionGroup(title: "OPTIONS", options: [
                OptionSpec(names: ["--no-trunc"], kind: .flag, help: "Show full image IDs."),
            ])]),
        run: { context in
            context.terminal.out(try engine(context).imageTable(truncate: !context.arguments.flag("no-trunc")))
            return 0
        })

    static let inspect = Command(
        spec: CommandSpec(
            name: "inspect", overview: "Show an image's config as JSON.", usage: "strata inspect IMAGE",
            arguments: [ArgumentSpec(name: "image", help: "The image, by name:tag or ID.")]),
        run: { context in
            guard context.arguments.positionals.count == 1 else {
                throw UsageError(command: "inspect", message: "\"strata inspect\" requires exactly 1 image")
            }
            context.terminal.out(try engine(context).inspect(context.arguments.positionals[0]))
            return 0
        })

    static let history = Command(
        spec: CommandSpec(
            name: "history", overview: "Show the history of an image.", usage: "strata history [--no-trunc] IMAGE",
            arguments: [ArgumentSpec(name: "image", help: "The image, by name:tag or ID.")],
            optionGroups: [OptionGroup(title: "OPTIONS", options: [
                OptionSpec(names: ["--no-trunc"], kind: .flag, help: "Do not truncate output."),
            ])]),
        run: { context in
            guard context.arguments.positionals.count == 1 else {
                throw UsageError(command: "history", message: "\"strata history\" requires exactly 1 image")
            }
            context.terminal.out(try engine(context).historyTable(context.arguments.positionals[0], truncate: !context.arguments.flag("no-trunc")))
            return 0
        })
}
