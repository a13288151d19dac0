import Testing
@testable import StrataDockerfile

@Suite struct WordExpanderTests {
    let environment = ["NAME": "world", "EMPTY": "", "PATH": "/usr/local/bin:/usr/bin", "FILE": "archive.tar.gz"]

    @Test(arguments: [
        ("${FILE%.*}", "archive.tar"), ("${FILE%%.*}", "archive"), ("${FILE#*.}", "tar.gz"), ("${FILE##*.}", "gz"),
        ("${PATH/usr/opt}", "/opt/local/bin:/usr/bin"), ("${PATH//usr/opt}", "/opt/local/bin:/opt/bin"),
        ("${EMPTY:-d}", "d"), ("${EMPTY-d}", ""), ("${NAME:+set}", "set"), ("${MISSING+set}", ""),
        ("\"hello $NAME\"", "hello world"), ("'$NAME'", "$NAME"), ("${NAME:-${MISSING:-x}}", "world"),
    ])
    func expandsLikeBuildKit(_ word: String, _ expected: String) throws {
        #expect(try WordExpander().expand(word, environment: environment) == expected)
    }

    @Test func unsetReferencesAreReported() throws {
        let result = try WordExpander().process("$NAME ${NOPE} ${ALSO:-x} $EMPTY", environment: environment)
        #expect(result.unmatched == ["NOPE", "ALSO"])
        #expect(result.matched == ["NAME", "EMPTY"])
    }

    @Test func requiredVariableErrorCarriesTheMessage() {
        do {
            _ = try WordExpander().expand("${NOPE:?must be set}", environment: environment)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "failed to process \"${NOPE:?must be set}\": NOPE: must be set")
        }
    }

    @Test func backtickEscapeWorks() throws {
        let expander = WordExpander(escape: "`")
        #expect(try expander.expand("c:\\dir `$NAME", environment: environment) == "c:\\dir $NAME")
    }

    @Test func skipUnsetKeepsReferencesVerbatim() throws {
        let expander = WordExpander(skipUnsetVariables: true)
        #expect(try expander.expand("$NAME-$NOPE-${NOPE:-d}", environment: environment) == "world-$NOPE-${NOPE:-d}")
    }

    @Test func environmentKeepsOrderAndLastValueWins() {
        var env = Environment([("A", "1"), ("B", "2")])
        env.set("A", "3")
        #expect(env.pairs.map(\.key) == ["A", "B"])
        #expect(env.value(of: "A") == "3")
    }
}
