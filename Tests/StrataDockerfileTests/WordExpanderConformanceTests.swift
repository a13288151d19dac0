import Foundation
import Testing
@testable import StrataDockerfile

/// One line of BuildKit's `envVarTest` or `wordsTest`.
struct ExpansionCase: CustomTestStringConvertible, Sendable {
    var line: Int
    var input: String
    /// nil when BuildKit expects an error.
    var expected: [String]?
    var environment: [String: String]
    var testDescription: String { "line \(line): \(input)" }

    static func envVarCases() -> [ExpansionCase] {
        guard let text = try? Conformance.text("shell/envVarTest") else { return [] }
        let environment = ["PWD": "/home", "SHELL": "bash", "KOREAN": "한국어", "NULL": ""]
        var cases: [ExpansionCase] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let platform = fields[0].trimmingCharacters(in: .whitespaces)
            guard platform == "A" || platform == "U" else { continue }
            let expected = fields[2].trimmingCharacters(in: .whitespaces)
            cases.append(ExpansionCase(
                line: index + 1, input: fields[1].trimmingCharacters(in: .whitespaces),
                expected: expected == "error" ? nil : [expected], environment: environment))
        }
        return cases
    }

    static func wordsCases() -> [ExpansionCase] {
        guard let text = try? Conformance.text("shell/wordsTest") else { return [] }
        var environment: [String: String] = [:]
        var cases: [ExpansionCase] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("ENV ") {
                let assignment = line.dropFirst(4).drop { $0 == " " }
                if let equals = assignment.firstIndex(of: "=") {
                    environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
                }
                continue
            }
            let fields = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            let expected = String(fields[1].drop { $0 == " " })
            cases.append(ExpansionCase(
                line: index + 1, input: fields[0].trimmingCharacters(in: .whitespaces),
                expected: expected == "error" ? nil : expected.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                environment: environment))
        }
        return cases
    }
}

@Suite struct WordExpanderConformanceTests {
    @Test func tablesAreLoaded() {
        #expect(ExpansionCase.envVarCases().count >= 228)
        #expect(ExpansionCase.wordsCases().count >= 24)
    }

    @Test(arguments: ExpansionCase.envVarCases())
    func expandMatchesBuildKit(_ testCase: ExpansionCase) {
        let expander = WordExpander(escape: "\\")
        if let expected = testCase.expected {
            #expect(throws: Never.self) {
                let result = try expander.expand(testCase.input, environment: testCase.environment)
                #expect(result == expected[0])
            }
        } else {
            #expect(throws: ExpansionError.self) { try expander.expand(testCase.input, environment: testCase.environment) }
        }
    }

    @Test(arguments: ExpansionCase.wordsCases())
    func wordSplittingMatchesBuildKit(_ testCase: ExpansionCase) {
        let expander = WordExpander(escape: "\\")
        if let expected = testCase.expected {
            #expect(throws: Never.self) {
                let words = try expander.expandWords(testCase.input, environment: testCase.environment)
                #expect(words == expected)
            }
        } else {
            #expect(throws: ExpansionError.self) { try expander.expandWords(testCase.input, environment: testCase.environment) }
        }
    }
}
