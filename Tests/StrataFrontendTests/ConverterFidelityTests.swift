import StrataDockerfile
import StrataLLB
import StrataOCI
import Testing
@testable import StrataFrontend

/// Conversion details docker 20.10's BuildKit shows in its records (Tests/Conformance), checked
/// here on the converter alone.
@Suite struct ConverterFidelityTests {
    static let base = ImageConfig(
        architecture: "amd64", os: "linux",
        config: ContainerConfig(env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], cmd: ["sh"]))

    func convert(_ text: String, target: String? = nil) throws -> ConvertedBuild {
        let parsed = try InstructionParser.parse(text)
        var converter = DockerfileConverter(parsed, source: text, options: FrontendOptions(target: target)) { _ in Self.base }
        return try converter.convert()
    }

    @Test func redefinedEnvKeepsItsPlaceAndNewKeysGoLast() throws {
        let build = try convert("FROM busybox\nENV A=1\nENV PATH=/opt:$PATH B=2\n")
        #expect(build.image.config?.env == ["PATH=/opt:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1", "B=2"])
    }

    @Test func anyCmdSetsArgsEscapedButEntrypointAloneDoesNot() throws {
        #expect(try convert("FROM busybox\nCMD [\"a\"]\nENTRYPOINT [\"b\"]\n").image.config?.argsEscaped == true)
        #expect(try convert("FROM busybox\nCMD echo shell\n").image.config?.argsEscaped == true)
        #expect(try convert("FROM busybox\nENTRYPOINT [\"b\"]\n").image.config?.argsEscaped == nil)
    }

    @Test func scratchStageWorksInTheRoot() throws {
        #expect(try convert("FROM scratch\nCOPY a /a\n").image.config?.workingDir == "/")
    }

    @Test func severalSourcesWithoutTrailingSlashWarnInsteadOfFailing() throws {
        let build = try convert("FROM busybox\nCOPY a b /into\n")
        #expect(build.warnings.count == 1)
        #expect(build.warnings.first?.message.contains("last wins") == true)
    }

    @Test func addOfAURLFailsLikeAnUnresolvableHost() throws {
        #expect {
            _ = try convert("FROM busybox\nADD http://user@example.invalid:8080/f.txt /f\n")
        } throws: { error in
            "\(error)".contains("Get \"http://user@example.invalid:8080/f.txt\": dial tcp: lookup example.invalid: no such host")
        }
    }

    @Test func missingTargetUsesBuildKitsWords() throws {
        #expect {
            _ = try convert("FROM busybox AS real\nRUN true\n", target: "nonexistent")
        } throws: { error in
            "\(error)".contains("target stage nonexistent could not be found")
        }
    }
}
