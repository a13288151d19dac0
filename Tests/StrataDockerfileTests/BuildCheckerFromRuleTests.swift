import Testing
@testable import StrataDockerfile

/// The rules BuildKit applies to FROM lines: UndefinedArgInFrom, InvalidDefaultArgInFrom,
/// RedundantTargetPlatform, FromPlatformFlagConstDisallowed.
@Suite struct BuildCheckerFromRuleTests {
    private func findings(_ text: String, rule: String) throws -> [(line: Int, message: String)] {
        try BuildChecker.check(text).filter { $0.rule.name == rule }.map { ($0.range.start.line, $0.message) }
    }

    @Test func undeclaredArgInFromIsReportedWithASuggestion() throws {
        let result = try findings("ARG VERSION=3.19\nFROM alpine:${VERSIN}\n", rule: "UndefinedArgInFrom")
        #expect(result.map(\.message) == ["FROM argument 'VERSIN' is not declared (did you mean VERSION?)"])
        #expect(result.first?.line == 2)
    }

    @Test func undeclaredArgInPlatformIsReported() throws {
        let result = try findings("FROM --platform=$PLATFROM alpine\n", rule: "UndefinedArgInFrom")
        #expect(result.map(\.message) == ["FROM argument 'PLATFROM' is not declared"])
    }

    @Test(arguments: [
        "ARG TAG\nFROM alpine:${TAG:-3.19}\n",  // declared without a default is declared
        "FROM --platform=$BUILDPLATFORM golang:1.22\n",  // predefined
        "FROM alpine:${TARGETARCH}\n",
        "ARG BASE=alpine\nFROM $BASE\n",
    ])
    func declaredOrPredefinedArgsInFromAreQuiet(_ text: String) throws {
        #expect(try findings(text, rule: "UndefinedArgInFrom").isEmpty)
    }

    @Test func invalidDefaultArgInFromNamesTheBaseAsWritten() throws {
        let result = try findings("ARG TAG\nFROM busybox:${TAG}\n", rule: "InvalidDefaultArgInFrom")
        #expect(result.map(\.message) == ["Default value for ARG busybox:${TAG} results in empty or invalid base image name"])
    }

    @Test(arguments: [
        "ARG TAG=latest\nFROM busybox:${TAG}\n",
        "ARG VARIANT\nFROM busybox:stable${VARIANT}\n",
        "FROM scratch\n",
        "FROM alpine AS build\nFROM build\n",
        "FROM registry.example.com:5000/team/app:1.2@sha256:\(String(repeating: "a", count: 64))\n",
    ])
    func validDefaultBaseNamesAreQuiet(_ text: String) throws {
        #expect(try findings(text, rule: "InvalidDefaultArgInFrom").isEmpty)
    }

    @Test(arguments: [
        ("", false), ("busybox:", false), ("Busybox", false), ("busybox", true), ("library/busybox:1.36", true),
        ("localhost/app", true), ("my-registry.io/a__b/c.d-e:tag_1", true), ("a/-b", false),
        ("app@sha256:abc", false), (String(repeating: "f", count: 64), false), ("[::1]:5000/app", true),
    ])
    func imageReferenceSyntaxFollowsDistribution(_ reference: String, _ valid: Bool) {
        #expect(ImageReferenceSyntax.isValid(reference) == valid)
    }

    @Test(arguments: ["$TARGETPLATFORM", "${TARGETPLATFORM}"])
    func targetPlatformInFromIsRedundant(_ platform: String) throws {
        let result = try findings("FROM --platform=\(platform) alpine\n", rule: "RedundantTargetPlatform")
        #expect(result.map(\.message) == [
            "Setting platform to predefined \(platform) in FROM is redundant as this is the default behavior",
        ])
    }

    @Test(arguments: ["$BUILDPLATFORM", "$TARGETOS/$TARGETARCH", "linux/${TARGETARCH}"])
    func otherPlatformExpressionsAreNotRedundant(_ platform: String) throws {
        #expect(try findings("FROM --platform=\(platform) alpine\n", rule: "RedundantTargetPlatform").isEmpty)
    }

    @Test func constantPlatformIsReported() throws {
        let result = try findings("FROM --platform=linux/amd64 alpine AS base\n", rule: "FromPlatformFlagConstDisallowed")
        #expect(result.map(\.message) == [#"FROM --platform flag should not use constant value "linux/amd64""#])
    }

    @Test(arguments: [
        "FROM --platform=linux/arm64 alpine AS build-arm64\n",  // named for its architecture
        "FROM --platform=linux/amd64 alpine AS linux-builder\n",  // named for its OS
        "FROM --platform=$BUILDPLATFORM alpine AS base\n",
        "FROM --platform=not/a/valid/platform alpine\n",  // fails later in BuildKit, not here
        "FROM alpine AS base\n",
    ])
    func platformsThatAreNotBareConstantsAreQuiet(_ text: String) throws {
        #expect(try findings(text, rule: "FromPlatformFlagConstDisallowed").isEmpty)
    }

    @Test(arguments: [("x86_64", "amd64"), ("aarch64", "arm64"), ("armhf", "arm")])
    func platformArchitecturesAreNormalizedBeforeComparingWithTheStageName(_ written: String, _ normalized: String) throws {
        let text = "FROM --platform=linux/\(written) alpine AS build-\(normalized)\n"
        #expect(try findings(text, rule: "FromPlatformFlagConstDisallowed").isEmpty)
        #expect(PlatformSpecifier(parsing: "linux/\(written)")?.architecture == normalized)
    }

    @Test(arguments: [
        ("UndefinedArgInFrom", "FROM alpine:$NOPE\n"),
        ("InvalidDefaultArgInFrom", "ARG TAG\nFROM busybox:${TAG}\n"),
        ("RedundantTargetPlatform", "FROM --platform=$TARGETPLATFORM alpine\n"),
        ("FromPlatformFlagConstDisallowed", "FROM --platform=linux/amd64 alpine\n"),
    ])
    func skipDirectiveSilencesFromRules(_ rule: String, _ text: String) throws {
        #expect(try findings(text, rule: rule).count == 1)
        #expect(try findings("# check=skip=\(rule)\n" + text, rule: rule).isEmpty)
    }
}
