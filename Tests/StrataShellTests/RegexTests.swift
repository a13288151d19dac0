import Testing
@testable import StrataShell

/// The POSIX regex engine on the constructs grep and sed scripts use.
@Suite struct RegexTests {
    @Test(arguments: [
        ("a.c", false, "xabcx", true),
        ("^abc$", false, "abc", true),
        ("^abc$", false, "abcd", false),
        ("ab*c", false, "ac", true),
        ("a\\{2\\}", false, "caab", true),
        ("\\(ab\\)\\1", false, "xabab", true),
        ("a|b", true, "b", true),
        ("a|b", false, "a|b", true),
        ("(ab)+$", true, "ababab", true),
        ("[[:digit:]]+", true, "x42", true),
        ("[^a-z]", false, "abc", false),
        ("colou?r", true, "color", true),
        ("\\bword\\b", false, "a word here", true),
        ("x{2,3}", true, "xx", true),
    ])
    func matches(pattern: String, extended: Bool, text: String, expected: Bool) throws {
        let regex = try Regex(pattern, extended: extended)
        #expect((regex.firstMatch(in: Array(text.utf8), from: 0) != nil) == expected)
    }

    @Test func capturesAreReported() throws {
        let regex = try Regex("([a-z]+)=([0-9]+)", extended: true)
        let text = Array("key=42".utf8)
        let captures = try #require(regex.firstMatch(in: text, from: 0))
        #expect(captures[1] == 0..<3)
        #expect(captures[2] == 4..<6)
    }

    @Test func unbalancedGroupIsAnError() {
        #expect(throws: RegexError.self) { try Regex("\\(a", extended: false) }
    }
}
