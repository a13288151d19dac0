import Testing
@testable import StrataSupport

@Suite struct PathPatternTests {
    /// Cases from Go's filepath.Match tests (path/filepath/match_test.go).
    @Test(arguments: [
        ("abc", "abc", true), ("*", "abc", true), ("*c", "abc", true), ("a*", "a", true), ("a*", "abc", true),
        ("a*", "ab/c", false), ("a*/b", "abc/b", true), ("a*/b", "a/c/b", false), ("a*b*c*d*e*/f", "axbxcxdxe/f", true),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true), ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false), ("a*b?c*x", "abxbbxdbxebxczzx", true),
        ("a*b?c*x", "abxbbxdbxebxczzy", false), ("ab[c]", "abc", true), ("ab[b-d]", "abc", true), ("ab[e-g]", "abc", false),
        ("ab[^c]", "abc", false), ("ab[^b-d]", "abc", false), ("ab[^e-g]", "abc", true), ("a\\*b", "a*b", true),
        ("a\\*b", "ab", false), ("a?b", "a☺b", false), ("a[^a]b", "a☺b", false), ("a???b", "a☺b", true), ("*x", "xxx", true),
    ])
    func goFilepathMatchCases(pattern: String, name: String, expected: Bool) {
        #expect(PathPattern(pattern).matches(name) == expected)
    }

    @Test func doubleStarOnlyWhereAllowed() {
        #expect(PathPattern("**/x", allowsDoubleStar: true).matches("a/b/x"))
        #expect(PathPattern("**/x", allowsDoubleStar: true).matches("x"))
        #expect(!PathPattern("**/x").matches("a/b/x"))
    }
}
