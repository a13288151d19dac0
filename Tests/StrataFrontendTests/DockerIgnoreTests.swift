import Testing
@testable import StrataFrontend

@Suite struct DockerIgnoreTests {
    @Test func directoryPatternExcludesItsContents() {
        let ignore = DockerIgnore("node_modules\n")
        #expect(ignore.excludes("node_modules"))
        #expect(ignore.excludes("node_modules/x/y.js"))
        #expect(!ignore.excludes("src/node_modules"))
    }

    @Test func lastMatchingRuleWinsWithExceptions() {
        let ignore = DockerIgnore("*.md\n!README.md\n")
        #expect(ignore.excludes("CHANGES.md"))
        #expect(!ignore.excludes("README.md"))
        #expect(!ignore.excludes("docs/CHANGES.md"), "a single * does not cross directories")
    }

    @Test func doubleStarMatchesAnyDepth() {
        let ignore = DockerIgnore("**/*.env\n**/secret\n")
        #expect(ignore.excludes(".env"), "* may match the empty string")
        #expect(ignore.excludes("a.env"))
        #expect(ignore.excludes("a/b/c/prod.env"))
        #expect(ignore.excludes("x/secret/key"))
    }

    @Test func commentsBlankLinesAndLeadingSlashesAndDots() {
        let ignore = DockerIgnore("# comment\n\n/tmp\n./build/\n")
        #expect(ignore.excludes("tmp"))
        #expect(ignore.excludes("build/out.o"))
        #expect(!ignore.excludes("src/tmp"))
    }
}
