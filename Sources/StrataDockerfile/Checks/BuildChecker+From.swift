extension BuildChecker {
    /// The build arguments BuildKit predefines for FROM lines (`defaultArgs` in
    /// dockerfile2llb), with the values a linux/amd64 builder building for itself gives them.
    /// BUILDOSVERSION and TARGETOSVERSION are in recent BuildKit; if an older one lacks them,
    /// the only effect is that Strata stays quiet where it would warn.
    func predefinedArguments() -> Environment {
        let os = PlatformSpecifier.builderOS
        let architecture = PlatformSpecifier.builderArchitecture
        return Environment([
            ("BUILDPLATFORM", "\(os)/\(architecture)"), ("BUILDOS", os), ("BUILDOSVERSION", ""),
            ("BUILDARCH", architecture), ("BUILDVARIANT", ""),
            ("TARGETPLATFORM", "\(os)/\(architecture)"), ("TARGETOS", os), ("TARGETOSVERSION", ""),
            ("TARGETARCH", architecture), ("TARGETVARIANT", ""),
            ("TARGETSTAGE", dockerfile.stages.last?.name ?? ""),
        ])
    }

    /// The global scope FROM lines expand in, as BuildKit's `buildMetaArgs` builds it with no
    /// `--build-arg`: predefined arguments, then each meta ARG that has a default (expanded in
    /// order). Also the names declared, with or without a default. Nil when a default fails
    /// to expand, which fails the build in BuildKit.
    func globalArguments() -> (environment: Environment, declared: Set<String>)? {
        let expander = WordExpander(escape: dockerfile.ast.escape)
        var environment = predefinedArguments()
        var declared: Set<String> = []
        for instruction in dockerfile.metaArgs {
            guard case .arg(let declarations) = instruction.kind else { continue }
            for declaration in declarations {
                declared.insert(declaration.name)
                guard let value = declaration.defaultValue else { continue }
                guard let expanded = try? expander.expand(value, environment: environment) else { return nil }
                environment.set(declaration.name, expanded)
            }
        }
        return (environment, declared)
    }

    /// InvalidDefaultArgInFrom, UndefinedArgInFrom, RedundantTargetPlatform and
    /// FromPlatformFlagConstDisallowed: the rules BuildKit applies while it resolves each
    /// stage's base image and platform (dockerfile2llb `toDispatchState`).
    func fromFindings() -> [Finding] {
        guard let globals = globalArguments() else { return [] }
        let expander = WordExpander(escape: dockerfile.ast.escape)
        var findings = invalidDefaultArgFindings(globals.environment, expander: expander)
        let known = globals.declared.union(globals.environment.pairs.map(\.key))
        for stage in dockerfile.stages {
            let from = stage.fromInstruction
            if let base = try? expander.process(stage.baseName, environment: globals.environment) {
                findings += undefinedArgFindings(base.unmatched, known: known, at: from)
            }
            guard let platform = stage.from.platform,
                  let match = try? expander.process(platform, environment: globals.environment) else { continue }
            findings += undefinedArgFindings(match.unmatched, known: known, at: from)
            // Only `$TARGETPLATFORM` (or `${TARGETPLATFORM}`) expands to exactly its own value
            // with nothing else referenced: BuildKit's reportRedundantTargetPlatform.
            if match.matched == ["TARGETPLATFORM"], match.unmatched.isEmpty,
               match.result == globals.environment.value(of: "TARGETPLATFORM") {
                findings.append(finding(.redundantTargetPlatform,
                    "Setting platform to predefined \(platform) in FROM is redundant as this is the default behavior", at: from))
            }
            // A constant that parses as a platform, unless the stage is named for it
            // (`FROM --platform=linux/arm64 alpine AS build-arm64`): reportConstPlatformDisallowed.
            if match.matched.isEmpty, match.unmatched.isEmpty, let parsed = PlatformSpecifier(parsing: match.result) {
                let name = stage.name ?? ""
                if !name.contains(parsed.os) && !name.contains(parsed.architecture) {
                    findings.append(finding(.fromPlatformFlagConstDisallowed,
                        "FROM --platform flag should not use constant value \(GoQuote.quote(match.result))", at: from))
                }
            }
        }
        return findings
    }

    /// InvalidDefaultArgInFrom: with every ARG at its default, each FROM must still name a
    /// valid image reference. BuildKit abandons the whole check at the first base name that
    /// fails to expand. The message quotes the base name as written, following ruleset.go
    /// (the Build checks page shows an older wording, "Using ARG for FROM … with default value
    /// results in an empty or invalid base image name").
    func invalidDefaultArgFindings(_ arguments: Environment, expander: WordExpander) -> [Finding] {
        var findings: [Finding] = []
        for stage in dockerfile.stages {
            guard let expanded = try? expander.expand(stage.baseName, environment: arguments) else { return findings }
            if !ImageReferenceSyntax.isValid(expanded) {
                findings.append(finding(.invalidDefaultArgInFrom,
                    "Default value for ARG \(stage.baseName) results in empty or invalid base image name", at: stage.fromInstruction))
            }
        }
        return findings
    }

    /// UndefinedArgInFrom: a name a FROM line references that is neither a meta ARG (declared
    /// with or without a default) nor predefined. Sorted, where BuildKit walks a Go map.
    func undefinedArgFindings(_ unmatched: Set<String>, known: Set<String>, at from: Instruction) -> [Finding] {
        unmatched.subtracting(known).sorted().map { name in
            var message = "FROM argument '\(name)' is not declared"
            if let close = suggestion(for: name, in: known.sorted()) { message += " (did you mean \(close)?)" }
            return finding(.undefinedArgInFrom, message, at: from)
        }
    }
}
