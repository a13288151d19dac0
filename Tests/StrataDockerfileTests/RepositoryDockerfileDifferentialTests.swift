import Foundation
import Testing
@testable import StrataDockerfile

/// Compares the parser with BuildKit's (through the Python `dockerfile` package) on every
/// Dockerfile the repository ships: Examples/ and Tests/ (conformance cases, fixtures).
/// Skipped, visibly, when python3 or the package is missing.
@Suite struct RepositoryDockerfileDifferentialTests {
    /// The repository root, three levels above this file (Tests/StrataDockerfileTests/…).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile` and `Containerfile` under Examples/ and Tests/.
    static func repositoryDockerfiles() -> [URL] {
        var found: [URL] = []
        for top in ["Examples", "Tests"] {
            let directory = repositoryRoot.appendingPathComponent(top)
            guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else {
                continue
            }
            for case let url as URL in walker {
                let name = url.lastPathComponent
                let lower = name.lowercased()
                let isDockerfile = lower == "dockerfile" || lower.hasPrefix("dockerfile.") || lower.hasSuffix(".dockerfile")
                    || lower == "containerfile"
                guard isDockerfile, !lower.hasSuffix(".swift"),
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    private static func relative(_ url: URL) -> String {
        String(url.path.dropFirst(repositoryRoot.path.count + 1))
    }

    @Test func repositoryHasDockerfilesToCompare() {
        let files = Self.repositoryDockerfiles().map(Self.relative)
        #expect(files.contains("Examples/01-secret-mount/Dockerfile"))
        #expect(files.filter { $0.hasPrefix("Tests/Conformance/") }.count >= 50)
    }

    @Test(.enabled(if: PythonOracle.isAvailable, "needs python3 with the `dockerfile` package (pip install dockerfile)"))
    func parserAgreesWithBuildKitOnEveryRepositoryDockerfile() throws {
        let files = Self.repositoryDockerfiles()
        let sources = try files.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }
        let expected = try PythonOracle.parse(sources)
        try #require(expected.count == sources.count)
        var agreed = 0
        for (index, file) in files.enumerated() {
            let name = Self.relative(file)
            let oracle = expected[index]
            let ours = Result { try DockerfileParser.parse(sources[index], fileName: name) }
            switch (oracle.commands, ours) {
            case (let commands?, .success(let ast)):
                let views = InstructionView.views(of: ast).map(PythonOracle.Command.init)
                if views == commands {
                    agreed += 1
                } else if let (mine, theirs) = zip(views, commands).first(where: { $0 != $1 }) {
                    Issue.record("\(name): ours \(mine)\n theirs \(theirs)")
                } else {
                    Issue.record("\(name): \(views.count) instructions, BuildKit has \(commands.count)")
                }
            case (nil, .failure(let error)):
                let message = (error as? DockerfileError)?.message
                if message == oracle.error { agreed += 1 } else {
                    Issue.record("\(name): error \(message ?? "?") where BuildKit says \(oracle.error ?? "")")
                }
            case (let commands?, .failure(let error)):
                Issue.record("\(name): we failed (\(error)) where BuildKit parsed \(commands.count) instructions")
            case (nil, .success):
                Issue.record("\(name): BuildKit failed (\(oracle.error ?? "")) where we parsed it")
            }
        }
        #expect(agreed == files.count)
        print("repository differential: \(files.count) Dockerfiles, \(agreed) agree with BuildKit")
    }
}
