import Testing
import StrataDockerfile

/// Inputs found while fuzzing (Docs/fuzzing.md), kept as ordinary tests so a regression fails
/// `swift test` rather than waiting for the next fuzz run.
@Suite struct FuzzRegressionTests {
    /// A 128-scalar value like the fuzz target's `LONG`: long enough that exponential pattern
    /// matching never finishes.
    let environment = ["LONG": String(repeating: "ab", count: 64)]
    static let tenStars = String(repeating: "*a", count: 10)

    /// `*`-patterns were matched by plain backtracking, exponential in the number of stars: each
    /// of these ran for longer than the fuzzer's 10-second limit. The bound here is generous
    /// (the fixed matcher takes milliseconds); the results prove the semantics did not change.
    @Test(.timeLimit(.minutes(1)), arguments: [
        // No match: every way of placing the stars must be ruled out.
        ("${LONG#\(tenStars)*c}", String(repeating: "ab", count: 64)),
        ("${LONG##\(tenStars)*c}", String(repeating: "ab", count: 64)),
        ("${LONG%c\(tenStars)*}", String(repeating: "ab", count: 64)),
        ("${LONG%%c\(tenStars)*}", String(repeating: "ab", count: 64)),
        ("${LONG/\(tenStars)*c/x}", String(repeating: "ab", count: 64)),
        ("${LONG//\(tenStars)*c/x}", String(repeating: "ab", count: 64)),
        // Matches: shortest and longest prefix and suffix, first replacement.
        ("${LONG#\(tenStars)b}", String(repeating: "ab", count: 54)),
        ("${LONG##\(tenStars)b}", ""),
        ("${LONG%\(tenStars)*}", String(repeating: "ab", count: 54)),
        ("${LONG%%\(tenStars)*}", ""),
        ("${LONG/\(tenStars)b/x}", "x"),
    ])
    func patternsWithManyStarsMatchInPolynomialTime(_ word: String, _ expected: String) throws {
        var result: String?
        let elapsed = try ContinuousClock().measure {
            result = try WordExpander().expand(word, environment: environment)
        }
        #expect(result == expected)
        #expect(elapsed < .seconds(10))
    }
}
