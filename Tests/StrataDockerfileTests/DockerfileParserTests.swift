import Testing
import StrataSupport
@testable import StrataDockerfile

@Suite struct DockerfileParserTests {
    @Test func directivesAreReadOnlyAtTheTop() throws {
        let ast = try DockerfileParser.parse("# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\nFROM a\n# escape=`\nRUN x\n")
        #expect(ast.directive("syntax") == "docker/dockerfile:1")
        #expect(ast.directive("check") == "skip=JSONArgsRecommended;error=true")
        #expect(ast.directive("escape") == nil)
        #expect(ast.escape == "\\")
    }

    @Test func backtickEscapeChangesContinuation() throws {
        let ast = try DockerfileParser.parse("# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo\n")
        #expect(ast.escape == "`")
        #expect(ast.instructions[1].argumentValues == ["dir c:\\   && echo"])
        #expect(ast.instructions[1].startLine == 3)
        #expect(ast.instructions[1].endLine == 4)
    }

    @Test func repeatedDirectiveIsAnErrorWithItsLine() {
        do {
            _ = try DockerfileParser.parse("# escape=\\\n# escape=`\nFROM a\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 2)
            #expect(error.message == "only one escape parser directive can be used")
        }
    }

    @Test func invalidEscapeTokenIsRejected() {
        #expect(throws: DockerfileError.self) { try DockerfileParser.parse("# escape=x\nFROM a\n") }
    }

    @Test func emptyContinuationLineProducesAWarning() throws {
        let ast = try DockerfileParser.parse("FROM a\nRUN echo \\\n\n  hi\n")
        #expect(ast.instructions[1].original == "RUN echo   hi")
        #expect(ast.warnings.map(\.rule) == ["NoEmptyContinuation"])
        #expect(ast.warnings.first?.range.start.line == 4)
    }

    @Test func unterminatedHeredocPointsAtItsInstruction() {
        do {
            _ = try DockerfileParser.parse("FROM a\nRUN <<EOF\necho hi\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unterminated heredoc")
            #expect(error.location.line == 2)
        }
    }

    @Test func envWithoutValueReportsItsLine() {
        do {
            _ = try DockerfileParser.parse("FROM a\n\nENV PATH\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "ENV must have two arguments")
            #expect(error.location.line == 3)
            #expect(error.description.hasPrefix("Dockerfile:3:1: error: ENV must have two arguments"))
        }
    }

    @Test func heredocsSeveralPerLineWithDescriptorsAndQuoting() throws {
        let ast = try DockerfileParser.parse("FROM a\nRUN 3<<A <<'B' cat\none\nA\ntwo $x\nB\nRUN next\n")
        let run = ast.instructions[1]
        #expect(run.heredocs == [Heredoc(name: "A", content: "one\n", expand: true, fileDescriptor: 3),
                                 Heredoc(name: "B", content: "two $x\n", expand: false)])
        #expect(run.endLine == 6)
        #expect(ast.instructions[2].startLine == 7)
    }

    @Test func jsonFormIgnoresTextAfterTheArrayLikeBuildKit() throws {
        let ast = try DockerfileParser.parse("FROM a\nCMD [\"a\"] trailing\nCMD [\"a\",\nCMD ['a']\n")
        #expect(ast.instructions[1].isJSON)
        #expect(ast.instructions[1].argumentValues == ["a"])
        #expect(!ast.instructions[2].isJSON)
        #expect(!ast.instructions[3].isJSON)
        #expect(throws: DockerfileError.self) { try DockerfileParser.parse("FROM a\nCMD [\"a\", 1]\n") }
    }

    @Test func byteOrderMarkAndCRLFAreHandled() throws {
        let ast = try DockerfileParser.parse("\u{FEFF}FROM a\r\nRUN echo \\\r\n  hi\r\n")
        #expect(ast.instructions.map(\.original) == ["FROM a", "RUN echo   hi"])
    }
}

@Suite struct InstructionViewTests {
    @Test func jsonViewFlattensOnbuildAndKeyValuePairs() throws {
        let ast = try DockerfileParser.parse("FROM a\nonbuild ENV a=b c=d\nCOPY <<EOF /x\nhi\nEOF\n")
        let views = InstructionView.views(of: ast)
        #expect(views[1].cmd == "ONBUILD")
        #expect(views[1].subCmd == "ENV")
        #expect(views[1].value == ["a", "b", "c", "d"])
        #expect(views[2].heredocs == [.init(name: "EOF", fileDescriptor: 0, content: "hi\n")])
        let json = try InstructionView.json(of: ast, pretty: false)
        #expect(json.hasPrefix(#"[{"cmd":"FROM","endLine":1,"flags":[],"heredocs":[],"json":false,"original":"FROM a","startLine":1,"subCmd":null,"value":["a"]}"#))
    }
}

@Suite struct HeredocMarkerTests {
    @Test(arguments: [
        ("RUN <<$X\nbody\n$X\n", ["$X"]),
        ("RUN $A<<B cat\n", [String]()),
        ("RUN <<E\"O\"F\nx\nEOF\n", ["EOF"]),
        ("RUN echo \"<<EOF\"\n", [String]()),
    ])
    func markersAreFoundWithUnsetVariablesLeftVerbatim(_ text: String, _ names: [String]) throws {
        let ast = try DockerfileParser.parse("FROM a\n" + text)
        #expect(ast.instructions[1].heredocs.map(\.name) == names)
    }
}

@Suite struct KeywordValidationTests {
    @Test func parserKeepsUnknownInstructionsLikeBuildKit() throws {
        let ast = try DockerfileParser.parse("FROM a\nCOPPY x y\n")
        #expect(ASTDump.render(ast) == "(from \"a\")\n(coppy \"\")\n")
    }

    @Test func validationReportsTheTypoWithAHint() throws {
        let ast = try DockerfileParser.parse("FROM a\nONBUILD RUNN x\n")
        do {
            try ast.validateKeywords()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(#"Dockerfile:2:1: error: unknown instruction "RUNN" (did you mean "RUN"?)"#))
        }
        #expect(throws: Never.self) { try DockerfileParser.parse("from a\nrun x\n").validateKeywords() }
    }
}
