import Foundation
import Testing

@testable import StrataStore

@Suite struct StoreLocationTests {
    struct Case: Sendable, CustomStringConvertible {
        let option: String?
        let environment: [String: String]
        let expected: String
        var description: String { expected }
    }

    @Test(arguments: [
        Case(option: "/opt/s", environment: ["STRATA_STORE": "/e", "XDG_DATA_HOME": "/x", "HOME": "/h"], expected: "/opt/s"),
        Case(option: nil, environment: ["STRATA_STORE": "/e", "XDG_DATA_HOME": "/x", "HOME": "/h"], expected: "/e"),
        Case(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"], expected: "/x/strata"),
        Case(option: nil, environment: ["STRATA_STORE": "", "XDG_DATA_HOME": "", "HOME": "/h"], expected: "/h/.local/share/strata"),
        Case(option: nil, environment: ["HOME": "/h"], expected: "/h/.local/share/strata"),
        Case(option: "~/s", environment: ["HOME": "/h"], expected: "/h/s"),
        Case(option: nil, environment: ["STRATA_STORE": "~/e", "HOME": "/h"], expected: "/h/e"),
    ])
    func resolvesInPrecedenceOrder(_ testCase: Case) {
        let url = StoreLocation.resolve(option: testCase.option, environment: testCase.environment)
        #expect(url.path == testCase.expected)
    }
}
