import Testing
@testable import StrataDockerfile

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("0", Duration.zero), ("5s", .seconds(5)), ("1m30s", .seconds(90)), ("1.5h", .seconds(5400)),
        ("300ms", .milliseconds(300)), ("2us", .microseconds(2)), ("2µs", .microseconds(2)), ("10ns", .nanoseconds(10)),
        ("-1m", .seconds(-60)), ("+2s", .seconds(2)), (".5s", .milliseconds(500)), ("1h2m3s4ms", .milliseconds(3_723_004)),
    ])
    func parsesGoDurations(_ text: String, _ expected: Duration) {
        #expect(GoDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "5", "s", "1x", "1.s.", "--1s", "1 s", "."])
    func rejectsWhatGoRejects(_ text: String) {
        #expect(GoDuration.parse(text) == nil)
    }
}
