import Testing
@testable import StrataShell

/// Every snippet must behave exactly as under busybox 1.35's `sh -c`.
@Suite struct DifferentialTests {
    @Test(.enabled(if: DifferentialHarness.busyboxAvailable, "busybox is not installed"), arguments: DifferentialSnippets.all)
    func snippetAgreesWithBusybox(_ snippet: String) throws {
        let problems = try DifferentialHarness.differences(snippet)
        #expect(problems.isEmpty, Comment(rawValue: snippet + "\n" + problems.joined(separator: "\n")))
    }
}
