import Foundation
import Strata
import Testing

/// `ADD <url>` and `ADD <git repo>` through the offline network model.
@Suite struct NetworkFixturesTests {
    func setUp(_ root: URL, dockerfile: String) throws -> (context: URL, fixtures: URL) {
        let context = try makeContext(in: root, dockerfile: dockerfile)
        let fixtures = root.appendingPathComponent("fixtures")
        try FileManager.default.createDirectory(at: fixtures.appendingPathComponent("repo/sub"), withIntermediateDirectories: true)
        try "tool v1\n".write(to: fixtures.appendingPathComponent("tool.txt"), atomically: true, encoding: .utf8)
        try "lib\n".write(to: fixtures.appendingPathComponent("repo/lib.txt"), atomically: true, encoding: .utf8)
        try "s\n".write(to: fixtures.appendingPathComponent("repo/sub/s.txt"), atomically: true, encoding: .utf8)
        let map = #"{"https://example.com/dl/tool.txt": "tool.txt", "https://github.com/acme/lib.git#v1": "repo"}"#
        let file = fixtures.appendingPathComponent("network.json")
        try map.write(to: file, atomically: true, encoding: .utf8)
        return (context, file)
    }

    @Test func addOfAMappedURLDownloadsTheFixtureWithBuildKitsMode() throws {
        try withEngine { engine, root in
            let (context, fixtures) = try setUp(root, dockerfile: """
                FROM busybox
                ADD https://example.com/dl/tool.txt /opt/
                ADD https://github.com/acme/lib.git#v1 /src/lib
                RUN stat -c '%a %n' /opt/tool.txt > /mode && cat /src/lib/sub/s.txt > /from-git
                """)
            var request = BuildRequest(contextDirectory: context, tags: ["net:1"])
            request.networkFixtures = fixtures
            _ = try engine.build(request)
            let history = try engine.historyTable("net:1", truncate: false)
            #expect(history.contains("ADD https://example.com/dl/tool.txt /opt/ # buildkit"))
            let archive = root.appendingPathComponent("net.tar")
            try engine.save(["net:1"], format: .docker, to: archive)
            let listing = try #require(try run("tar", ["-xOf", archive.path, "--wildcards", "blobs/sha256/*"]))
            #expect(listing.output.contains("600 /opt/tool.txt"))
            #expect(listing.output.contains("tool v1"))
        }
    }

    @Test func checksumMismatchFailsTheBuild() throws {
        try withEngine { engine, root in
            let (context, fixtures) = try setUp(root, dockerfile: """
                FROM busybox
                ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/dl/tool.txt /opt/
                """)
            var request = BuildRequest(contextDirectory: context)
            request.networkFixtures = fixtures
            #expect { try engine.build(request) } throws: { "\($0)".contains("digest mismatch for https://example.com/dl/tool.txt") }
        }
    }

    @Test func unmappedURLFailsLikeAnUnreachableHostAndSaysWhatToDo() throws {
        try withEngine { engine, root in
            let (context, _) = try setUp(root, dockerfile: "FROM busybox\nADD https://other.invalid/x.txt /x\n")
            #expect { try engine.build(BuildRequest(contextDirectory: context)) } throws: { error in
                "\(error)".contains("lookup other.invalid: no such host") && "\(error)".contains("--network-fixtures") && "\(error)".contains("Dockerfile:2")
            }
        }
    }
}
