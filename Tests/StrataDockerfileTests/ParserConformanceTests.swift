import Foundation
import Testing
@testable import StrataDockerfile

@Suite struct ParserConformanceTests {
    @Test func conformanceDataIsPresent() {
        #expect(Conformance.caseNames("parser/testfiles").count >= 33)
        #expect(Conformance.caseNames("parser/testfiles-negative").count >= 4)
    }

    @Test(arguments: Conformance.caseNames("parser/testfiles"))
    func dumpMatchesBuildKit(_ name: String) throws {
        let dockerfile = try Conformance.text("parser/testfiles/\(name)/Dockerfile")
        let expected = try Conformance.text("parser/testfiles/\(name)/result")
        let ast = try DockerfileParser.parse(dockerfile)
        #expect(ASTDump.render(ast) == expected)
    }

    @Test(arguments: Conformance.caseNames("parser/testfiles-negative"))
    func negativeCaseIsRejected(_ name: String) throws {
        let dockerfile = try Conformance.text("parser/testfiles-negative/\(name)/Dockerfile")
        #expect(throws: DockerfileError.self) { try DockerfileParser.parse(dockerfile) }
    }
}
