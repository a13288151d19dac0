import Testing
@testable import StrataDockerfile

@Suite struct BuildCheckerTests {
    private func findings(_ text: String) throws -> [(String, Int, String)] {
        try BuildChecker.check(text).map { ($0.rule.name, $0.range.start.line, $0.message) }
    }

    private func ruleNames(_ text: String) throws -> [String] {
        try findings(text).map(\.0)
    }

    @Test func secretsInArgAndEnvAreReportedByNameOnly() throws {
        let result = try findings("FROM alpine\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2 PUBLIC_KEY=x\n")
        #expect(result.map(\.0) == ["SecretsUsedInArgOrEnv", "SecretsUsedInArgOrEnv"])
        #expect(result[0].2 == #"Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")"#)
        #expect(result[1].1 == 3)
        #expect(!result[1].2.contains("hunter2"))
    }

    /// BuildKit checks secrets in dispatchArg/dispatchEnv only: a meta ARG is flagged where a
    /// stage redeclares it, not before the first FROM.
    @Test func metaArgSecretsAreReportedWhereAStageRedeclaresThem() throws {
        let result = try findings("ARG NPM_TOKEN\nFROM alpine\nARG NPM_TOKEN\n")
        #expect(result.map(\.0) == ["SecretsUsedInArgOrEnv"])
        #expect(result.first?.1 == 3)
    }

    @Test func stageNameRules() throws {
        let result = try findings("FROM alpine as Builder\nFROM alpine AS builder\nFROM alpine AS scratch\n")
        #expect(result.map(\.0) == ["StageNameCasing", "FromAsCasing", "DuplicateStageName", "ReservedStageName"])
        #expect(result[0].2 == "Stage name 'Builder' should be lowercase")
        #expect(result[1].2 == "'as' and 'FROM' keywords' casing do not match")
        #expect(result[2].2 == "Duplicate stage name \"builder\", stage names should be unique")
        #expect(result[3].2 == "Stage name should not use the same name as reserved stage \"scratch\"")
    }

    @Test func instructionRules() throws {
        let text = """
            FROM alpine
            MAINTAINER someone
            WORKDIR app
            ENV LEGACY value
            EXPOSE 80/TCP 443/tcp
            CMD echo one
            CMD ["echo", "two"]
            """
        let result = try findings(text)
        #expect(result.map(\.0) == ["MaintainerDeprecated", "WorkdirRelativePath", "LegacyKeyValueFormat",
                                    "ExposeProtoCasing", "JSONArgsRecommended", "MultipleInstructionsDisallowed"])
        #expect(result[1].2 == "Relative workdir \"app\" can have unexpected results if the base image changes")
        #expect(result[2].2 == "\"ENV key=value\" should be used instead of legacy \"ENV key value\" format")
        #expect(result[3].2 == "Defined protocol '80/TCP' in EXPOSE instruction should be lowercase")
        #expect(result[5].1 == 6)
    }

    @Test func relativeWorkdirAfterAbsoluteOneIsFine() throws {
        #expect(try ruleNames("FROM alpine\nWORKDIR /app\nWORKDIR sub\n").isEmpty)
    }

    @Test func explicitShellSilencesJSONArgsRecommended() throws {
        #expect(try ruleNames("FROM alpine\nSHELL [\"/bin/bash\", \"-c\"]\nCMD echo hi\n").isEmpty)
    }

    @Test func instructionCasingFollowsTheMajority() throws {
        let result = try findings("from alpine\nrun echo\nCOPY a b\nRun x\n")
        #expect(result.map(\.0) == ["ConsistentInstructionCasing", "ConsistentInstructionCasing"])
        #expect(result[0].2 == "Command 'COPY' should match the case of the command majority (lowercase)")
        #expect(result[1].1 == 4)
    }

    @Test func undefinedVariablesAreReportedWithSuggestions() throws {
        let text = """
            ARG GLOBAL=1
            FROM alpine AS base
            ARG VERSION=1
            ENV APP_HOME=/app
            COPY app-$VERSION.tar $APP_HOM/ $GLOBAL
            RUN echo $NOT_CHECKED_BY_BUILDKIT
            FROM base
            WORKDIR $APP_HOME/$PATH
            """
        let result = try findings(text)
        #expect(result.map(\.0) == ["UndefinedVar", "UndefinedVar"])
        #expect(result[0].2 == "Usage of undefined variable '$APP_HOM' (did you mean $APP_HOME?)")
        #expect(result[1].2 == "Usage of undefined variable '$GLOBAL'")
    }

    @Test func emptyContinuationIsReported() throws {
        #expect(try ruleNames("FROM alpine\nRUN echo \\\n\n  hi\n") == ["NoEmptyContinuation"])
    }

    @Test func checkDirectiveSkipsRulesAndRaisesSeverity() throws {
        let text = "# check=skip=MaintainerDeprecated;error=true\nFROM alpine\nMAINTAINER me\nCMD echo\n"
        let result = try BuildChecker.check(text)
        #expect(result.map(\.rule.name) == ["JSONArgsRecommended"])
        #expect(result.first?.severity == .error)
        #expect(result.first?.diagnostic.description.hasPrefix("Dockerfile:4:1: error: [JSONArgsRecommended]") == true)
        #expect(try BuildChecker.check("# check=skip=all\nFROM alpine\nMAINTAINER me\n").isEmpty)
    }
}

@Suite struct BuildCheckerInheritanceTests {
    @Test func shellSetInABaseStageCarriesOver() throws {
        let text = "FROM alpine AS base\nSHELL [\"/bin/ash\", \"-c\"]\nFROM base\nCMD echo hi\nFROM alpine\nCMD echo hi\n"
        let result = try BuildChecker.check(text)
        #expect(result.map(\.rule.name) == ["JSONArgsRecommended"])
        #expect(result.first?.range.start.line == 6)
    }

    @Test func messagesNameTheKeywordAsWritten() throws {
        let result = try BuildChecker.check("from alpine\ncmd echo one\ncmd [\"two\"]\nenv A b\n")
        #expect(result.map(\.message) == [
            "JSON arguments recommended for cmd to prevent unintended behavior related to OS signals",
            "Multiple cmd instructions should not be used in the same stage because only the last one will be used",
            "\"env key=value\" should be used instead of legacy \"env key value\" format",
        ])
    }
}
