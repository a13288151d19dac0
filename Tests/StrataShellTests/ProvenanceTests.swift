import Testing
@testable import StrataShell

/// Secret bytes keep their label through every path the shell offers.
@Suite struct ProvenanceTests {
    func imageWithSecret() throws -> MemoryFileSystem {
        var fs = try makeImageFileSystem()
        try fs.seed("/run/secrets/k", "hunter2\n", mode: 0o400, provenance: .secret("k"))
        return fs
    }

    func provenance(of path: String, in result: ShellResult) -> Provenance? {
        result.writtenFiles.first { $0.path == path }?.provenance
    }

    @Test func catOfSecretRecordsCopiedFile() throws {
        let (result, fs) = run("cat /run/secrets/k > /x", on: try imageWithSecret())
        #expect(result.exitStatus == 0)
        #expect(provenance(of: "/x", in: result) == Provenance(secrets: ["k"], transforms: [.copied]))
        #expect(try fs.readFile("/x").provenance.secrets == ["k"])
    }

    @Test func base64ThenTrRecordsBothTransforms() throws {
        let (result, _) = run("base64 /run/secrets/k | tr a-z A-Z > /y", on: try imageWithSecret())
        #expect(provenance(of: "/y", in: result) == Provenance(secrets: ["k"], transforms: [.base64, .substituted]))
    }

    @Test func cleanWritesRecordNoSecret() throws {
        let (result, _) = run("echo hi > /a; cp /etc/passwd /b; mkdir -p /d", on: try imageWithSecret())
        #expect(result.writtenFiles.map(\.path).contains("/a"))
        #expect(result.writtenFiles.allSatisfy { $0.provenance.isClean })
    }

    @Test func environmentSecretFlowsThroughVariablesAndSubstitution() throws {
        let environment: [String: ShellString] = ["PATH": "/bin", "TOKEN": ShellString("abc", provenance: .secret("tok"))]
        let (result, _) = run("v=\"x-$TOKEN\"; echo \"$(echo $v)\" > /t; echo plain > /p", on: try makeImageFileSystem(), environment: environment)
        #expect(provenance(of: "/t", in: result)?.secrets == ["tok"])
        #expect(provenance(of: "/p", in: result)?.isClean == true)
    }

    @Test func hashOfSecretIsStillDerived() throws {
        let (result, _) = run("sha256sum /run/secrets/k | cut -d' ' -f1 > /h", on: try imageWithSecret())
        let recorded = provenance(of: "/h", in: result)
        #expect(recorded?.secrets == ["k"])
        #expect(recorded?.transforms.contains(.hashed) == true)
    }

    @Test func secretReadIntoVariableReachesHeredocFile() throws {
        let script = "read v < /run/secrets/k\ncat > /conf <<EOF\npassword=$v\nEOF"
        let (result, _) = run(script, on: try imageWithSecret())
        #expect(provenance(of: "/conf", in: result)?.secrets == ["k"])
    }

    @Test func secretOnStdoutIsLabelled() throws {
        let (result, _) = run("cat /run/secrets/k", on: try imageWithSecret())
        #expect(result.stdout.provenance.secrets == ["k"])
        #expect(result.stderr.provenance.isClean)
    }

    @Test func copyAndSedKeepTheSecret() throws {
        let (result, _) = run("cp /run/secrets/k /c && sed -i 's/h/H/' /c", on: try imageWithSecret())
        let recorded = provenance(of: "/c", in: result)
        #expect(recorded?.secrets == ["k"])
        #expect(recorded?.transforms == [.copied, .substituted])
    }

    @Test func removedSecretCopyIsNotListed() throws {
        let (result, _) = run("cp /run/secrets/k /tmp/k && rm /tmp/k", on: try imageWithSecret())
        #expect(provenance(of: "/tmp/k", in: result) == nil)
    }
}

/// Hex dumps label their output as hex of the secret.
@Suite struct HexProvenanceTests {
    @Test func xxdOfSecretRecordsHex() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/run/secrets/k", "abc", provenance: .secret("k"))
        let (result, _) = run("xxd -p /run/secrets/k > /hex", on: fs)
        #expect(result.writtenFiles.first { $0.path == "/hex" }?.provenance == Provenance(secrets: ["k"], transforms: [.hex]))
    }
}

/// awk output derives from its input.
@Suite struct AwkProvenanceTests {
    @Test func awkFieldOfSecretIsDerived() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/run/secrets/db", "user pass\n", provenance: .secret("db"))
        let (result, _) = run("awk '{print $2}' /run/secrets/db > /pw", on: fs)
        #expect(result.exitStatus == 0)
        #expect(result.writtenFiles.first { $0.path == "/pw" }?.provenance == Provenance(secrets: ["db"], transforms: [.substituted]))
    }
}

extension AwkProvenanceTests {
    @Test func awkRedirectedOutputIsDerived() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/run/secrets/db", "user pass\n", provenance: .secret("db"))
        let (result, _) = run("awk '{print $1 > \"/u\"}' /run/secrets/db", on: fs)
        #expect(result.writtenFiles.first { $0.path == "/u" }?.provenance.secrets == ["db"])
    }
}

extension ProvenanceTests {
    @Test func hardLinkToSecretIsDerived() throws {
        let (result, _) = run("ln /run/secrets/k /hard", on: try imageWithSecret())
        #expect(result.writtenFiles.first { $0.path == "/hard" }?.provenance.secrets == ["k"])
    }
}
