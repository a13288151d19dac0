/// A build check rule, named and described as BuildKit's linter names it, so that
/// `# check=skip=…` and documentation links work the same.
public struct Rule: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var url: String

    public init(name: String, description: String, url: String) {
        self.name = name
        self.description = description
        self.url = url
    }
}

extension Rule {
    private static func docs(_ slug: String) -> String { "https://docs.docker.com/go/dockerfile/rule/\(slug)/" }

    public static let stageNameCasing = Rule(
        name: "StageNameCasing", description: "Stage names should be lowercase", url: docs("stage-name-casing"))
    public static let fromAsCasing = Rule(
        name: "FromAsCasing", description: "The 'as' keyword should match the case of the 'from' keyword",
        url: docs("from-as-casing"))
    public static let noEmptyContinuation = Rule(
        name: "NoEmptyContinuation", description: "Empty continuation lines will become errors in a future release",
        url: docs("no-empty-continuation"))
    public static let consistentInstructionCasing = Rule(
        name: "ConsistentInstructionCasing",
        description: "All commands within the Dockerfile should use the same casing (either upper or lower)",
        url: docs("consistent-instruction-casing"))
    public static let duplicateStageName = Rule(
        name: "DuplicateStageName", description: "Stage names should be unique", url: docs("duplicate-stage-name"))
    public static let reservedStageName = Rule(
        name: "ReservedStageName", description: "Reserved words should not be used as stage names",
        url: docs("reserved-stage-name"))
    public static let jsonArgsRecommended = Rule(
        name: "JSONArgsRecommended",
        description: "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
        url: docs("json-args-recommended"))
    public static let maintainerDeprecated = Rule(
        name: "MaintainerDeprecated",
        description: "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
        url: docs("maintainer-deprecated"))
    public static let workdirRelativePath = Rule(
        name: "WorkdirRelativePath",
        description: "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
        url: docs("workdir-relative-path"))
    public static let undefinedVar = Rule(
        name: "UndefinedVar", description: "Variables should be defined before their use", url: docs("undefined-var"))
    public static let multipleInstructionsDisallowed = Rule(
        name: "MultipleInstructionsDisallowed",
        description: "Multiple instructions of the same type should not be used in the same stage",
        url: docs("multiple-instructions-disallowed"))
    public static let legacyKeyValueFormat = Rule(
        name: "LegacyKeyValueFormat", description: "Legacy key/value format with whitespace separator should not be used",
        url: docs("legacy-key-value-format"))
    public static let secretsUsedInArgOrEnv = Rule(
        name: "SecretsUsedInArgOrEnv", description: "Sensitive data should not be used in the ARG or ENV commands",
        url: docs("secrets-used-in-arg-or-env"))
    public static let exposeProtoCasing = Rule(
        name: "ExposeProtoCasing", description: "Protocol in EXPOSE instruction should be lowercase",
        url: docs("expose-proto-casing"))

    // The rules below: names, descriptions, URLs and messages as in BuildKit's
    // frontend/dockerfile/linter/ruleset.go and the dockerfile2llb code that runs them, read
    // from BuildKit's source (no `docker build --check` here to record them from). Where the
    // Build checks pages of the Dockerfile reference differ, each rule's doc says which won.

    /// A FROM line referencing a name that is neither a meta ARG nor predefined. The Build
    /// checks page for it has no examples; behaviour follows `reportUnusedFromArgs`.
    public static let undefinedArgInFrom = Rule(
        name: "UndefinedArgInFrom", description: "FROM command must use declared ARGs", url: docs("undefined-arg-in-from"))
    /// With ARGs at their defaults, a FROM that is no valid image reference. The page's
    /// examples (`ARG TAG` + `FROM busybox:${TAG}` bad, `busybox:stable${VARIANT}` fine) are
    /// tests; its output line ("Using ARG for FROM …") is older wording than ruleset.go's,
    /// which Strata uses.
    public static let invalidDefaultArgInFrom = Rule(
        name: "InvalidDefaultArgInFrom",
        description: "Default value for global ARG results in an empty or invalid base image name",
        url: docs("invalid-default-arg-in-from"))
    /// `FROM --platform=$TARGETPLATFORM`: behaviour and wording as the page shows them.
    public static let redundantTargetPlatform = Rule(
        name: "RedundantTargetPlatform",
        description: "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
        url: docs("redundant-target-platform"))
    /// A constant `--platform`; the page's escape hatch (a stage named for its OS or
    /// architecture, `AS build_arm64`) is honoured, as `reportConstPlatformDisallowed` does.
    public static let fromPlatformFlagConstDisallowed = Rule(
        name: "FromPlatformFlagConstDisallowed", description: "FROM --platform flag should not use a constant value",
        url: docs("from-platform-flag-const-disallowed"))
    /// Experimental (listed "(experimental)" on the Build checks index and `Experimental: true`
    /// in ruleset.go, though the task brief did not list it so): needs the `.dockerignore`
    /// through `BuildChecker.isIgnored`.
    public static let copyIgnoredFile = Rule(
        name: "CopyIgnoredFile", description: "Attempting to Copy file that is excluded by .dockerignore",
        url: docs("copy-ignored-file"))
    /// `EXPOSE 127.0.0.1:80:80` / `EXPOSE 80:80`, the page's two bad examples; its output line
    /// gives the message.
    public static let exposeInvalidFormat = Rule(
        name: "ExposeInvalidFormat",
        description: "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release",
        url: docs("expose-invalid-format"))
    /// Experimental. The page's examples are tests, except its "empty line separates" case:
    /// BuildKit's parser does not reset comments on blank lines (see the checker).
    public static let invalidDefinitionDescription = Rule(
        name: "InvalidDefinitionDescription",
        description: "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.",
        url: docs("invalid-definition-description"))

    /// Rules BuildKit marks `Experimental: true` in its ruleset: they run only when
    /// `# check=experimental=Name` (or `experimental=all`) asks for them.
    public static let experimentalNames: Set<String> = [copyIgnoredFile.name, invalidDefinitionDescription.name]

    /// Whether the rule is off unless the Dockerfile opts in with `# check=experimental=…`.
    public var isExperimental: Bool { Self.experimentalNames.contains(name) }

    /// Every rule this module implements. BuildKit's InvalidBaseImagePlatform is not here: it
    /// compares the pulled image's platform with the target, and checking needs no registry.
    public static let all: [Rule] = [
        stageNameCasing, fromAsCasing, noEmptyContinuation, consistentInstructionCasing, duplicateStageName,
        reservedStageName, jsonArgsRecommended, maintainerDeprecated, undefinedArgInFrom, workdirRelativePath,
        undefinedVar, multipleInstructionsDisallowed, legacyKeyValueFormat, redundantTargetPlatform,
        secretsUsedInArgOrEnv, invalidDefaultArgInFrom, fromPlatformFlagConstDisallowed, copyIgnoredFile,
        invalidDefinitionDescription, exposeProtoCasing, exposeInvalidFormat,
    ]
}
