import Testing
import StrataSupport
@testable import StrataDockerfile

@Suite struct InstructionParserTests {
    @Test func globalArgsAndStagesAreSeparated() throws {
        let parsed = try InstructionParser.parse("""
            ARG BASE=alpine
            ARG VERSION
            FROM --platform=linux/arm64 ${BASE} AS Builder
            RUN make
            FROM scratch
            COPY --from=builder /out /out
            """)
        #expect(parsed.metaArgs.count == 2)
        #expect(parsed.stages.count == 2)
        let builder = try #require(parsed.stage(named: "BUILDER"))
        #expect(builder.from.platform == "linux/arm64")
        #expect(builder.from.image == "${BASE}")
        #expect(builder.from.stageNameAsWritten == "Builder")
        #expect(builder.instructions.map(\.name) == ["RUN"])
        #expect(parsed.stages[1].name == nil)
        #expect(parsed.stages[1].fromInstruction.range.start.line == 5)
        guard case .arg(let declarations) = parsed.metaArgs[0].kind else { Issue.record("not ARG"); return }
        #expect(declarations == [ArgDeclaration(name: "BASE", defaultValue: "alpine")])
    }

    @Test func instructionBeforeFromIsRejected() {
        #expect(throws: DockerfileError.self) { try InstructionParser.parse("RUN echo\nFROM a\n") }
    }

    @Test func unknownInstructionSuggestsTheClosestKeyword() throws {
        do {
            _ = try InstructionParser.parse("FROM a\nRUNN echo hi\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 2)
            #expect(error.description.hasPrefix(#"Dockerfile:2:1: error: unknown instruction "RUNN" (did you mean "RUN"?)"#))
        }
    }

    @Test func secretMountGetsDefaultTargetAndIsReadOnly() throws {
        let run = try runInstruction("RUN --mount=type=secret,id=npmrc,required cat /run/secrets/npmrc")
        let mount = try #require(run.mounts.first)
        #expect(mount.type == .secret)
        #expect(mount.id == "npmrc")
        #expect(mount.target == "/run/secrets/npmrc")
        #expect(mount.required)
        #expect(mount.readOnly)
        #expect(run.command == .shell("cat /run/secrets/npmrc"))
    }

    @Test func secretMountAsEnvironmentVariableHasNoTarget() throws {
        let mount = try #require(try runInstruction("RUN --mount=type=secret,id=tok,env=TOKEN,mode=0400,uid=1 true").mounts.first)
        #expect(mount.env == "TOKEN")
        #expect(mount.target == nil)
        #expect(mount.mode == 0o400)
        #expect(mount.uid == 1)
    }

    @Test func cacheMountOptionsAreDecoded() throws {
        let run = try runInstruction(#"RUN --mount=type=cache,target=/root/.cache,sharing=locked,id=go --mount="type=tmpfs,dst=/tmp,size=64m" --network=none ["go","build"]"#)
        #expect(run.mounts.count == 2)
        #expect(run.mounts[0].sharing == .locked)
        #expect(run.mounts[0].readOnly == false)
        #expect(run.mounts[1].type == .tmpfs)
        #expect(run.mounts[1].size == Int64(67_108_864))
        #expect(run.network == "none")
        #expect(run.command == .exec(["go", "build"]))
    }

    @Test func misspelledMountOptionIsReportedWithSuggestionAndColumn() {
        do {
            _ = try runInstruction("RUN --mount=type=cache,tagret=/x true")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"unknown mount option "tagret", did you mean "target"?"#)
            #expect(error.location.line == 2)
            #expect(error.location.column == 24)
        }
    }

    @Test(arguments: [
        "RUN --mount=type=bind true",
        "RUN --mount=type=nfs,target=/x true",
        "RUN --mount=type=cache,target=/x,sharing=maybe true",
        "RUN --network=bridge true",
        "RUN --mount=type=secret true",
        "RUN --mount=type=cache,target=/x,ro=perhaps true",
    ])
    func invalidRunOptionsAreRejected(_ line: String) {
        #expect(throws: DockerfileError.self) { try runInstruction(line) }
    }

    @Test func runHeredocIsKept() throws {
        let run = try runInstruction("RUN <<-EOF\n\techo hi\n\tEOF\n")
        #expect(run.heredocs.count == 1)
        #expect(run.heredocs[0].effectiveContent == "echo hi\n")
        #expect(run.command == .shell("<<-EOF"))
    }

    @Test func copyFlagsSourcesAndDestination() throws {
        let copy = try copyInstruction(#"COPY --from=build --chown=app:app --chmod=0755 --link --exclude=*.md --exclude=.git a b /dst/"#)
        #expect(copy.from == "build")
        #expect(copy.chown == "app:app")
        #expect(copy.chmod == "0755")
        #expect(copy.link)
        #expect(copy.excludes == ["*.md", ".git"])
        #expect(copy.sources == ["a", "b"])
        #expect(copy.destination == "/dst/")
    }

    @Test func copyHeredocSourcesAreSeparated() throws {
        let copy = try copyInstruction("COPY <<EOF real.txt <<\"RAW\" /dst/\nhello $X\nEOF\nraw $Y\nRAW\n")
        #expect(copy.sources == ["real.txt"])
        #expect(copy.heredocSources.map(\.name) == ["EOF", "RAW"])
        #expect(copy.heredocSources.map(\.expand) == [true, false])
        #expect(copy.heredocSources[1].content == "raw $Y\n")
    }

    @Test func misspelledCopyFlagSuggestsTheRealOne() {
        do {
            _ = try copyInstruction("COPY --form=build a b")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"unknown flag "--form", did you mean "--from"?"#)
        }
    }

    @Test func addAcceptsChecksumButNotFrom() throws {
        let parsed = try InstructionParser.parse("FROM a\nADD --checksum=sha256:abc --keep-git-dir=false https://x/y /y\n")
        guard case .add(let add) = parsed.stages[0].instructions[0].kind else { Issue.record("not ADD"); return }
        #expect(add.checksum == "sha256:abc")
        #expect(add.keepGitDir == false)
        #expect(throws: DockerfileError.self) { try InstructionParser.parse("FROM a\nADD --from=x a b\n") }
    }

    @Test func copyWithoutDestinationIsRejected() {
        #expect(throws: DockerfileError.self) { try copyInstruction("COPY onlyone") }
    }

    @Test func envAndLabelPairsKeepFormAndRawValues() throws {
        let parsed = try InstructionParser.parse("FROM a\nENV A=1 B=\"two words\"\nENV LEGACY some value\nLABEL x=y\n")
        let kinds = parsed.stages[0].instructions.map(\.kind)
        #expect(kinds[0] == .env([KeyValuePair(key: "A", value: "1"), KeyValuePair(key: "B", value: "\"two words\"")]))
        #expect(kinds[1] == .env([KeyValuePair(key: "LEGACY", value: "some value", isLegacyForm: true)]))
        #expect(kinds[2] == .label([KeyValuePair(key: "x", value: "y")]))
    }

    @Test func healthcheckDurationsAndRetries() throws {
        let parsed = try InstructionParser.parse("FROM a\nHEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD curl -f http://localhost/\nHEALTHCHECK NONE\n")
        guard case .healthcheck(let check) = parsed.stages[0].instructions[0].kind,
              case .healthcheck(let none) = parsed.stages[0].instructions[1].kind else { Issue.record("not HEALTHCHECK"); return }
        #expect(check.interval == .seconds(90))
        #expect(check.timeout == .milliseconds(500))
        #expect(check.retries == 3)
        #expect(check.test == .shell("curl -f http://localhost/"))
        #expect(none.isNone)
    }

    @Test(arguments: [
        "HEALTHCHECK --interval=5 CMD true",
        "HEALTHCHECK --retries=-1 CMD true",
        "HEALTHCHECK NONE extra",
        "HEALTHCHECK CMD",
        "HEALTHCHECK PING x",
        "HEALTHCHECK --interval=1us CMD true",
    ])
    func invalidHealthchecksAreRejected(_ line: String) {
        #expect(throws: DockerfileError.self) { try InstructionParser.parse("FROM a\n\(line)\n") }
    }

    @Test func onbuildWrapsADecodedTrigger() throws {
        let parsed = try InstructionParser.parse("FROM a\nONBUILD RUN --mount=type=cache,target=/c make\n")
        guard case .onbuild(let trigger, let expression) = parsed.stages[0].instructions[0].kind,
              case .run(let run) = trigger.kind else { Issue.record("not ONBUILD RUN"); return }
        #expect(expression == "RUN --mount=type=cache,target=/c make")
        #expect(run.mounts.first?.type == .cache)
        #expect(trigger.range.start.line == 2)
    }

    @Test(arguments: ["ONBUILD ONBUILD RUN x", "ONBUILD FROM x", "ONBUILD MAINTAINER me", "ONBUILD"])
    func forbiddenOnbuildTriggersAreRejected(_ line: String) {
        #expect(throws: DockerfileError.self) { try InstructionParser.parse("FROM a\n\(line)\n") }
    }

    @Test(arguments: [
        ("WORKDIR a b", true), ("WORKDIR", false), ("USER", false), ("SHELL /bin/sh -c", false), ("SHELL [\"/bin/sh\",\"-c\"]", true),
        ("VOLUME [\"\"]", false), ("VOLUME /a /b", true), ("EXPOSE 80/tcp 53/udp", true), ("STOPSIGNAL SIGKILL", true),
        ("ARG =x", false), ("ARG A B=", true), ("FROM a AS 1stage", false), ("FROM a IS b", false), ("FROM a b", false),
        ("CMD", true), ("RUN", true), ("ENTRYPOINT [\"/bin/app\"]", true), ("WORKDIR --flag=1 /x", false),
    ])
    func argumentRulesMatchBuildKit(_ line: String, _ valid: Bool) {
        let result = Result { () throws(DockerfileError) in try InstructionParser.parse("FROM a\n\(line)\n") }
        if valid {
            #expect(throws: Never.self) { try result.get() }
        } else {
            #expect(throws: DockerfileError.self) { try result.get() }
        }
    }

    private func runInstruction(_ line: String) throws(DockerfileError) -> RunInstruction {
        let parsed = try InstructionParser.parse("FROM a\n\(line)\n")
        guard case .run(let run) = parsed.stages[0].instructions[0].kind else {
            throw DockerfileError.syntax("not RUN", at: SourceLocation(file: "test", line: 0), line: nil)
        }
        return run
    }

    private func copyInstruction(_ line: String) throws(DockerfileError) -> CopyInstruction {
        let parsed = try InstructionParser.parse("FROM a\n\(line)\n")
        guard case .copy(let copy) = parsed.stages[0].instructions[0].kind else {
            throw DockerfileError.syntax("not COPY", at: SourceLocation(file: "test", line: 0), line: nil)
        }
        return copy
    }
}

@Suite struct InstructionErrorTests {
    @Test func laterStagesCanReportErrorsAtAnInstruction() throws {
        let parsed = try InstructionParser.parse("FROM a\n\nCOPY ${X:?required} /x\n")
        let copy = parsed.stages[0].instructions[0]
        guard case .copy(let instruction) = copy.kind else { Issue.record("not COPY"); return }
        do {
            _ = try WordExpander().expand(instruction.sources[0], environment: [String: String]())
            Issue.record("expected an expansion error")
        } catch {
            let located = copy.error(error.description)
            #expect(located.description == """
                Dockerfile:3:1: error: failed to process "${X:?required}": X: required
                    COPY ${X:?required} /x
                    ^
                """)
        }
    }
}

@Suite struct MountParsingTests {
    @Test func csvQuotingAllowsCommasInValues() throws {
        let mount = try Mount(parsing: #"type=bind,"source=a,b",target=/x,rw"#)
        #expect(mount.source == "a,b")
        #expect(mount.readOnly == false)
    }

    @Test func optionKeysAreCaseInsensitiveAndAliasesWork() throws {
        let mount = try Mount(parsing: "TYPE=secret,DST=/run/key,Required=false")
        #expect(mount.type == .secret)
        #expect(mount.id == "key")
        #expect(mount.target == "/run/key")
        #expect(mount.required == false)
    }

    @Test func sshMountDefaults() throws {
        let mount = try Mount(parsing: "type=ssh")
        #expect(mount.id == "default")
        #expect(mount.target == "/run/buildkit/ssh_agent.0")
    }

    @Test(arguments: [#"type=bind,target="/x"#, #"type=bind,tar"get=/x"#, "type=cache,target=/x,env=A"])
    func malformedSpecsAreRejected(_ spec: String) {
        #expect(throws: MountError.self) { try Mount(parsing: spec) }
    }
}

@Suite struct RuleTableTests {
    @Test func ruleNamesAreUniqueAndDocumented() {
        #expect(Set(Rule.all.map(\.name)).count == Rule.all.count)
        #expect(Rule.all.allSatisfy { $0.url.hasPrefix("https://docs.docker.com/go/dockerfile/rule/") && !$0.description.isEmpty })
    }
}
