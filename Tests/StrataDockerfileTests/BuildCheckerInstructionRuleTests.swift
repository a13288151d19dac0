import Testing
@testable import StrataDockerfile

/// ExposeInvalidFormat, ExposeProtoCasing, CopyIgnoredFile, InvalidDefinitionDescription,
/// MultipleInstructionsDisallowed and LegacyKeyValueFormat.
@Suite struct BuildCheckerInstructionRuleTests {
    private func findings(_ text: String, rule: String, isIgnored: (@Sendable (String) -> Bool)? = nil) throws
        -> [(line: Int, message: String)] {
        try BuildChecker.check(text, isIgnored: isIgnored).filter { $0.rule.name == rule }.map { ($0.range.start.line, $0.message) }
    }

    @Test func hostMappingsInExposeAreReported() throws {
        let result = try findings("FROM alpine\nEXPOSE 127.0.0.1:80:80 8080:80 443\n", rule: "ExposeInvalidFormat")
        #expect(result.map(\.message) == [
            "EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'",
            "EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'",
        ])
        #expect(result.allSatisfy { $0.line == 2 })
    }

    @Test func exposeIsCheckedAfterExpansion() throws {
        let text = "FROM alpine\nARG PORTS=\"8080:80 9000/UDP\"\nEXPOSE $PORTS\n"
        #expect(try findings(text, rule: "ExposeInvalidFormat").map(\.message)
            == ["EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'"])
        #expect(try findings(text, rule: "ExposeProtoCasing").map(\.message)
            == ["Defined protocol '9000/UDP' in EXPOSE instruction should be lowercase"])
    }

    @Test(arguments: ["EXPOSE 80", "EXPOSE 80/tcp 53/udp", "EXPOSE 8000-8010", "EXPOSE 80/FOO"])
    func plainPortsAreQuiet(_ expose: String) throws {
        let text = "FROM alpine\n\(expose)\n"
        #expect(try findings(text, rule: "ExposeInvalidFormat").isEmpty)
        #expect(try findings(text, rule: "ExposeProtoCasing").isEmpty)
    }

    @Test func skipDirectiveSilencesExposeInvalidFormat() throws {
        #expect(try findings("# check=skip=ExposeInvalidFormat\nFROM alpine\nEXPOSE 80:80\n", rule: "ExposeInvalidFormat").isEmpty)
    }

    private static let ignoresSecrets: @Sendable (String) -> Bool = { $0 == "secrets.env" || $0.hasPrefix("node_modules") }

    @Test func copyOfAnIgnoredFileIsReportedWhenTheRuleIsEnabled() throws {
        let text = """
            # check=experimental=CopyIgnoredFile
            FROM alpine
            ARG NAME=secrets.env
            COPY $NAME app.js /app/
            ADD node_modules /app/node_modules
            """
        let result = try findings(text, rule: "CopyIgnoredFile", isIgnored: Self.ignoresSecrets)
        #expect(result.map(\.message) == [
            #"Attempting to Copy file "secrets.env" that is excluded by .dockerignore"#,
            #"Attempting to Add file "node_modules" that is excluded by .dockerignore"#,
        ])
        #expect(result.map(\.line) == [4, 5])
    }

    @Test(arguments: [
        "# check=experimental=CopyIgnoredFile\nFROM alpine AS build\nFROM alpine\nCOPY --from=build secrets.env /\n",
        "# check=experimental=CopyIgnoredFile\nFROM alpine\nCOPY app.js /app/\n",
        "# check=experimental=CopyIgnoredFile\nFROM alpine\nADD https://example.com/secrets.env /\n",
        "FROM alpine\nCOPY secrets.env /\n",  // experimental: off unless asked for
        "# check=experimental=all;skip=all\nFROM alpine\nCOPY app.js /\n",
    ])
    func copiesThatDoNotReadIgnoredContextFilesAreQuiet(_ text: String) throws {
        #expect(try findings(text, rule: "CopyIgnoredFile", isIgnored: Self.ignoresSecrets).isEmpty)
    }

    @Test func copyIgnoredFileNeedsAnIgnoreFile() throws {
        #expect(try findings("# check=experimental=all\nFROM alpine\nCOPY secrets.env /\n", rule: "CopyIgnoredFile").isEmpty)
    }

    /// BuildKit's Linter.Run consults only the experimental list for experimental rules, so
    /// `skip=` neither enables nor disables them.
    @Test func skipDoesNotApplyToExperimentalRules() throws {
        let text = "# check=skip=CopyIgnoredFile;experimental=CopyIgnoredFile\nFROM alpine\nCOPY secrets.env /\n"
        #expect(try findings(text, rule: "CopyIgnoredFile", isIgnored: Self.ignoresSecrets).count == 1)
        #expect(Rule.copyIgnoredFile.isExperimental && Rule.invalidDefinitionDescription.isExperimental)
        #expect(!Rule.exposeInvalidFormat.isExperimental)
    }

    @Test func definitionCommentsMustStartWithTheName() throws {
        let text = """
            # check=experimental=InvalidDefinitionDescription
            # bar this is the bar
            ARG foo=bar
            # BasE this is the BasE image
            FROM scratch AS base
            # definitely a bad comment
            ARG version=latest
            # definitely a bad comment
            ARG foo=baz bar=qux baz=quux
            """
        let result = try findings(text, rule: "InvalidDefinitionDescription")
        #expect(result.map(\.message) == [
            "Comment for ARG should follow the format: `# foo <description>`",
            "Comment for FROM should follow the format: `# base <description>`",
            "Comment for ARG should follow the format: `# version <description>`",
            "Comment for ARG should follow the format: `# <arg_key> <description>`",
        ])
        #expect(result.map(\.line) == [3, 5, 7, 9])
    }

    @Test func wellFormedOrSeparatedCommentsAreQuiet() throws {
        let text = """
            # check=experimental=InvalidDefinitionDescription
            # foo this is the foo
            ARG foo=bar
            # base this is the base image
            FROM scratch AS base
            # a note that is not a description
            #
            ARG bit=bat
            # baz is one of several
            ARG foo=baz bar=qux baz=quux
            # comment for something other than ARG or FROM
            COPY Dockerfile .
            # unnamed stages have nothing to describe
            FROM scratch
            """
        #expect(try findings(text, rule: "InvalidDefinitionDescription").isEmpty)
    }

    /// BuildKit's parser drops recognised directives from the comment list.
    @Test func directivesAreNotDescriptions() throws {
        let text = "# syntax=docker/dockerfile:1\n# check=experimental=InvalidDefinitionDescription\nARG foo=bar\nFROM scratch\n"
        #expect(try findings(text, rule: "InvalidDefinitionDescription").isEmpty)
    }

    /// Pins the choice documented on the rule: BuildKit's parser keeps comments across blank
    /// lines (only a bare `#` ends them), although the Build checks page says otherwise.
    @Test func blankLineDoesNotSeparateAComment() throws {
        let text = "# check=experimental=InvalidDefinitionDescription\n# a note\n\nARG foo=bar\nFROM scratch\n"
        #expect(try findings(text, rule: "InvalidDefinitionDescription").map(\.line) == [4])
    }

    @Test func definitionDescriptionIsExperimental() throws {
        #expect(try findings("# not a description\nARG foo=bar\nFROM scratch\n", rule: "InvalidDefinitionDescription").isEmpty)
        #expect(try findings("# check=experimental=all\n# not a description\nARG foo=bar\nFROM scratch\n",
                             rule: "InvalidDefinitionDescription").count == 1)
    }

    @Test func multipleInstructionsAreNamedAsTheLaterOneIsWritten() throws {
        let result = try findings("FROM alpine\ncmd echo one\nCMD [\"two\"]\nENTRYPOINT [\"a\"]\n", rule: "MultipleInstructionsDisallowed")
        #expect(result.map(\.message) == [
            "Multiple CMD instructions should not be used in the same stage because only the last one will be used",
        ])
        #expect(result.first?.line == 2)
    }

    @Test func oneOfEachPerStageIsQuiet() throws {
        let text = "FROM alpine AS a\nCMD [\"a\"]\nHEALTHCHECK NONE\nFROM a\nCMD [\"b\"]\nHEALTHCHECK NONE\n"
        #expect(try findings(text, rule: "MultipleInstructionsDisallowed").isEmpty)
        #expect(try findings("# check=skip=MultipleInstructionsDisallowed\nFROM a\nCMD [\"a\"]\nCMD [\"b\"]\n",
                             rule: "MultipleInstructionsDisallowed").isEmpty)
    }

    @Test func legacyKeyValueFormatIsReportedForEnvAndLabel() throws {
        let text = "FROM alpine\nENV A b\nLABEL maintainer me\nENV C=d\nLABEL e=f\n"
        #expect(try findings(text, rule: "LegacyKeyValueFormat").map(\.line) == [2, 3])
        #expect(try findings("# check=skip=LegacyKeyValueFormat\n" + text, rule: "LegacyKeyValueFormat").isEmpty)
    }
}

@Suite struct CheckConfigurationTests {
    @Test func directiveFollowsBuildKitsParseLintOptions() {
        let configuration = CheckConfiguration(directive: " skip=A, B ;experimental=C;error=True")
        #expect(configuration.skipped == ["A", "B"])
        #expect(configuration.experimental == ["C"])
        #expect(configuration.findingsAreErrors)
        #expect(!CheckConfiguration(directive: "skip=ALL").skipAll)
        #expect(CheckConfiguration(directive: "experimental=all").experimentalAll)
        #expect(!CheckConfiguration(directive: "error=yes").findingsAreErrors)
    }
}
