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

    /// The fuzzer's own find (artifact `timeout-ebb5d07c…`, bytes verbatim): nested
    /// replace-all with an empty pattern multiplies the value's length at each level.
    static let fuzzerTimeout: [UInt8] = Array("Ah${LONG////`${Lh`${Xe?\\$h`$%".utf8) + [0xFF, 0xCE, 0xFF, 0xFF]
        + Array("`${Xe?\\$ingAh${LONG////`${Lh`${Xe?\\$h`$%".utf8) + [0xFF, 0xCE, 0xFF, 0xFF]
        + Array("`${Xe?\\$ing2$@}2$@}".utf8)

    @Test(.timeLimit(.minutes(1)), arguments: ["\\", "`"] as [Character])
    func fuzzerTimeoutInputFinishes(escape: Character) {
        let word = String(decoding: Self.fuzzerTimeout, as: UTF8.self)
        let elapsed = ContinuousClock().measure {
            _ = try? WordExpander(escape: escape).expand(word, environment: environment)
        }
        #expect(elapsed < .seconds(10))
    }

    /// Four nested replace-alls over 128 scalars would build 128⁴ = 268 million scalars.
    @Test func nestedReplacementsPastTheLimitAreAnError() throws {
        let word = "${LONG//?/${LONG//?/${LONG//?/${LONG//?/x}}}}"
        #expect(throws: ExpansionError.self) { try WordExpander().expand(word, environment: environment) }
        #expect(try WordExpander().expand("${LONG//?/${LONG//?/x}}", environment: environment)
                == String(repeating: "x", count: 128 * 128))
    }

    /// Each `${` level recursed; 5,000 levels overflowed the stack. Nesting is now bounded.
    @Test func deeplyNestedSubstitutionsAreAnErrorNotACrash() throws {
        let deep = String(repeating: "${a:-", count: 5_000) + "x" + String(repeating: "}", count: 5_000)
        #expect(throws: ExpansionError.self) { try WordExpander().expand(deep, environment: environment) }
        let allowed = String(repeating: "${a:-", count: 100) + "x" + String(repeating: "}", count: 100)
        #expect(try WordExpander().expand(allowed, environment: environment) == "x")
    }

    /// `ENV` with n pairs rebuilt the argument array per pair access: O(n²), 40 seconds for
    /// 5,000 pairs under the fuzzer.
    @Test(.timeLimit(.minutes(1)))
    func envWithManyPairsParsesInLinearTime() throws {
        let text = "FROM scratch\nENV " + String(repeating: "a=b ", count: 20_000) + "\n"
        var parsed: ParsedDockerfile?
        let elapsed = try ContinuousClock().measure { parsed = try InstructionParser.parse(text) }
        guard case .env(let pairs)? = parsed?.stages.first?.instructions.first?.kind else {
            Issue.record("expected one ENV instruction")
            return
        }
        #expect(pairs.count == 20_000)
        #expect(elapsed < .seconds(10))
    }
}
