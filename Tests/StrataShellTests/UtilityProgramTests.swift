import Testing
@testable import StrataShell

/// cmp, expr and truncate.
@Suite struct UtilityProgramTests {
    func image() throws -> MemoryFileSystem {
        var fs = try makeImageFileSystem()
        try fs.seed("/a", "abc\ndef\n")
        try fs.seed("/b", "abc\ndxf\n")
        try fs.seed("/short", "abc\n")
        try fs.seed("/run/secrets/k", "hunter2", provenance: .secret("k"))
        return fs
    }

    @Test(arguments: [
        ("cmp /a /a", "", "", Int32(0)),
        ("cmp /a /b", "/a /b differ: char 6, line 2\n", "", Int32(1)),
        ("cmp -s /a /b", "", "", Int32(1)),
        ("cmp -l /a /b", "6 145 170\n", "", Int32(1)),
        ("cmp /a /short", "", "cmp: EOF on /short\n", Int32(1)),
        ("cmp /a /nope", "", "cmp: /nope: No such file or directory\n", Int32(2)),
    ])
    func cmpReportsLikeBusybox(_ script: String, _ stdout: String, _ stderr: String, _ status: Int32) throws {
        let (result, _) = run(script, on: try image())
        #expect(result.stdout.text == stdout)
        #expect(result.stderr.text == stderr)
        #expect(result.exitStatus == status)
    }

    @Test(arguments: [
        ("expr 1 + 2 \\* 3", "7\n", Int32(0)),
        ("expr 0 + 0", "0\n", Int32(1)),
        ("expr hello : 'h\\(.*\\)o'", "ell\n", Int32(0)),
        ("expr hello : 'x'", "0\n", Int32(1)),
        ("expr substr hello 2 3", "ell\n", Int32(0)),
        ("expr length abcd", "4\n", Int32(0)),
        ("expr index hello l", "3\n", Int32(0)),
        ("expr '' \\| fallback", "fallback\n", Int32(0)),
        ("expr b \\> a", "1\n", Int32(0)),
        ("expr 7 / 0", "", Int32(2)),
        ("expr 1 +", "", Int32(2)),
    ])
    func exprEvaluatesLikeBusybox(_ script: String, _ stdout: String, _ status: Int32) throws {
        let (result, _) = run(script, on: try image())
        #expect(result.stdout.text == stdout)
        #expect(result.exitStatus == status)
    }

    @Test func exprOfSecretArgumentIsDerived() throws {
        let environment: [String: ShellString] = ["PATH": "/bin", "T": ShellString("abcdef", provenance: .secret("t"))]
        let (result, _) = run("expr substr \"$T\" 1 3 > /out", on: try image(), environment: environment)
        #expect(result.writtenFiles.first { $0.path == "/out" }?.provenance.secrets == ["t"])
    }

    @Test func truncateCutsAndExtends() throws {
        let (_, fs) = run("truncate -s 2 /a; truncate -s 6 /short; truncate -s 1k /new; truncate -c -s 5 /none", on: try image())
        #expect(try fs.readFile("/a").text == "ab")
        #expect(try fs.readFile("/short").bytes == Array("abc\n".utf8) + [0, 0])
        #expect(try fs.stat("/new").size == 1024)
        #expect(!fs.exists("/none"))
    }

    @Test func truncatedSecretKeepsProvenance() throws {
        let (result, _) = run("truncate -s 3 /run/secrets/k", on: try image())
        #expect(result.writtenFiles.first { $0.path == "/run/secrets/k" }?.provenance.secrets == ["k"])
    }
}

/// du counts 4 KiB blocks.
@Suite struct DiskUsageProgramTests {
    @Test func directoriesAndFilesCountWholeBlocks() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/d/small", "x")
        try fs.seed("/d/sub/big", String(repeating: "y", count: 5000))
        try fs.seedLink("/d/link", to: "small")
        let (result, _) = run("du -a /d; du -sh /d", on: fs)
        #expect(result.stdout.text == "0\t/d/link\n4\t/d/small\n8\t/d/sub/big\n12\t/d/sub\n20\t/d\n20.0K\t/d\n")
    }

    @Test func humanSizesScale() {
        let options = DiskUsageProgram.Options(human: true)
        #expect(DiskUsageProgram.format(0, options) == "0")
        #expect(DiskUsageProgram.format(1536, options) == "1.5M")
    }
}

/// diff prints busybox's unified format.
@Suite struct DiffProgramTests {
    @Test func changedLineGetsThreeLinesOfContext() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/x", "1\n2\n3\n4\n5\n6\n7\n")
        try fs.seed("/y", "1\n2\n3\nfour\n5\n6\n7\n")
        let (result, _) = run("diff /x /y", on: fs)
        #expect(result.exitStatus == 1)
        #expect(result.stdout.text == "--- /x\n+++ /y\n@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n")
    }

    @Test func emptyRangesNameTheLineBefore() {
        #expect(DiffProgram.range(nil, 0, before: 0) == "0,0")
        #expect(DiffProgram.range(4, 1, before: 4) == "5")
        #expect(DiffProgram.range(4, 3, before: 4) == "5,3")
    }

    @Test func diffOfSecretIsDerived() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/run/secrets/k", "hunter2\n", provenance: .secret("k"))
        try fs.seed("/x", "other\n")
        let (result, _) = run("diff /x /run/secrets/k > /d", on: fs)
        #expect(result.writtenFiles.first { $0.path == "/d" }?.provenance.secrets == ["k"])
    }
}

/// install copies with mode and owner, and makes directories.
@Suite struct InstallProgramTests {
    @Test func installsFileWithModeAndOwner() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/src/tool", "#!/bin/sh\n", mode: 0o644)
        let (result, after) = run("install -m 750 -o app -g app /src/tool /usr/local/bin/tool 2>&1; install -D /src/tool /opt/x/y/tool", on: fs)
        #expect(result.exitStatus == 0)
        #expect(result.stdout.text == "install: can't create '/usr/local/bin/tool': No such file or directory\n")
        let installed = try after.stat("/opt/x/y/tool")
        #expect(installed.mode == 0o755)
        let (_, second) = run("mkdir -p /usr/local/bin && install -m 750 -o app -g app /src/tool /usr/local/bin/tool", on: fs)
        let tool = try second.stat("/usr/local/bin/tool")
        #expect(tool.mode == 0o750 && tool.uid == 1000 && tool.gid == 1000)
        #expect(try second.readFile("/usr/local/bin/tool").text == "#!/bin/sh\n")
    }

    @Test func directoryModeAppliesToLastComponent() throws {
        let (_, fs) = run("install -d -m 700 /a/b/c", on: try makeImageFileSystem())
        #expect(try fs.stat("/a/b").mode == 0o755)
        #expect(try fs.stat("/a/b/c").mode == 0o700)
    }

    @Test func installedSecretIsCopied() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/run/secrets/k", "hunter2\n", provenance: .secret("k"))
        let (result, _) = run("install -m 600 /run/secrets/k /root/k", on: fs)
        #expect(result.writtenFiles.first { $0.path == "/root/k" }?.provenance == Provenance(secrets: ["k"], transforms: [.copied]))
    }
}

/// split names pieces with letter suffixes.
@Suite struct SplitProgramTests {
    @Test func splitsByLinesAndBytes() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/in", "1\n2\n3\n4\n5\n")
        let (result, after) = run("cd /tmp && split -l 2 /in && split -b 3 /in part.", on: fs)
        #expect(result.exitStatus == 0)
        #expect(try after.readFile("/tmp/xaa").text == "1\n2\n")
        #expect(try after.readFile("/tmp/xac").text == "5\n")
        #expect(!after.exists("/tmp/xad"))
        #expect(try after.readFile("/tmp/part.aa").text == "1\n2")
        #expect(try after.readFile("/tmp/part.ad").text == "\n")
    }

    @Test func suffixesRunOut() {
        #expect(SplitProgram.suffix(0, length: 2) == "aa")
        #expect(SplitProgram.suffix(27, length: 2) == "bb")
        #expect(SplitProgram.suffix(676, length: 2) == nil)
    }
}
