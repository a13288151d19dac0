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

    /// Every rule this module implements.
    public static let all: [Rule] = [
        stageNameCasing, fromAsCasing, noEmptyContinuation, consistentInstructionCasing, duplicateStageName,
        reservedStageName, jsonArgsRecommended, maintainerDeprecated, workdirRelativePath, undefinedVar,
        multipleInstructionsDisallowed, legacyKeyValueFormat, secretsUsedInArgOrEnv, exposeProtoCasing,
    ]
}
