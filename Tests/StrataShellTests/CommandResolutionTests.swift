import Testing
@testable import StrataShell

/// How command names resolve to program models on the image's own file system.
@Suite struct CommandResolutionTests {
    @Test func absoluteAppletSymlinkRunsTheModel() throws {
        var fs = MemoryFileSystem()
        try fs.seed("/bin/busybox", "", mode: 0o755)
        try fs.seedLink("/bin/sh", to: "/bin/busybox")
        try fs.seedLink("/bin/cp", to: "/bin/busybox")
        try fs.seed("/a", "data")
        let (result, after) = run("cp /a /b", on: fs)
        #expect(result.exitStatus == 0)
        #expect(try after.readFile("/b").text == "data")
    }

    @Test func busyboxWithAppletArgumentRunsTheModel() throws {
        let (result, _) = run("busybox echo via-busybox", on: try makeImageFileSystem())
        #expect(result.stdout.text == "via-busybox\n")
    }

    /// Lookups are cached per name, PATH, directory and file-system generation: each of
    /// these changes must be seen by the very next command.
    @Test func cachedLookupsFollowFileSystemAndPathChanges() throws {
        let script = """
            cp /etc/passwd /tmp-a; echo $?
            rm /bin/cp; cp /etc/passwd /tmp-b; echo $?
            ln -s busybox /bin/cp; cp /etc/passwd /tmp-c; echo $?
            mkdir -p /opt/bin; printf '#!/bin/sh\\necho mine\\n' > /opt/bin/tool; chmod 755 /opt/bin/tool
            tool; PATH=/opt/bin:$PATH; tool
            PATH=/bin; tool; echo $?
            """
        let (result, _) = run(script, on: try makeImageFileSystem())
        #expect(result.stdout.text == "0\n127\n0\nmine\n127\n")
        #expect(result.stderr.text == "sh: cp: not found\nsh: tool: not found\nsh: tool: not found\n")
    }

    @Test func missingProgramIsNotFound() throws {
        var fs = try makeImageFileSystem()
        try fs.remove("/bin/cp")
        let (result, _) = run("cp /etc/passwd /x", on: fs)
        #expect(result.exitStatus == 127)
        #expect(result.stderr.text == "sh: cp: not found\n")
    }

    @Test func shellFormNeedsBinSh() throws {
        var fs = try makeImageFileSystem()
        try fs.remove("/bin/sh")
        let (result, _) = run("echo hi", on: fs)
        #expect(result.exitStatus == 127)
        #expect(result.stdout.bytes.isEmpty)
    }

    @Test func execFormLooksUpPathWithoutAShell() throws {
        var fs = try makeImageFileSystem()
        try fs.remove("/bin/sh")
        var runner = ShellRunner(fileSystem: fs, environment: ["PATH": "/bin"])
        let result = runner.run(argv: ["echo", "$HOME", "*"])
        #expect(result.stdout.text == "$HOME *\n")
        let missing = runner.run(argv: ["nosuch"])
        #expect(missing.exitStatus == 127)
    }

    @Test func bashDialectAddsDoubleBracketsAndHereStrings() throws {
        let fs = try makeImageFileSystem()
        var withBash = fs
        try withBash.seedLink("/bin/bash", to: "busybox")
        let (result, _) = run("[[ abc == a* ]] && echo glob; cat <<< here; echo x &> /o; cat /o", on: withBash, shell: .bash)
        #expect(result.stdout.text == "glob\nhere\nx\n")
    }

    @Test func determinismOfPidMktempAndDate() throws {
        let script = "echo $$; mktemp; mktemp -d; date -u +%Y-%m-%dT%H:%M:%S"
        let (first, _) = run(script, on: try makeImageFileSystem())
        let (second, _) = run(script, on: try makeImageFileSystem())
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.text.hasSuffix("2023-11-14T22:13:20\n"))
    }

    @Test(arguments: [
        ("if then", "syntax error: unexpected \"then\""),
        ("fi", "syntax error: unexpected \"fi\""),
        ("echo \"abc", "syntax error: unterminated quoted string"),
        ("if true; then", "syntax error: unexpected end of file (expecting \"fi\")"),
        ("for x in a; echo", "syntax error: unexpected word (expecting \"do\")"),
        ("echo ${x", "syntax error: missing '}'"),
    ])
    func syntaxErrorsReadLikeBusybox(script: String, message: String) throws {
        let (result, _) = run(script, on: try makeImageFileSystem())
        #expect(result.exitStatus == 2)
        #expect(result.syntaxError?.description == message)
        #expect(result.stderr.text == "sh: \(message)\n")
    }
}

/// Executables that are not applets are reported instead of silently skipped.
@Suite struct UnsupportedCommandTests {
    @Test func realBinaryIsReportedAsUnsupported() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/usr/bin/apt-get", "\u{7F}ELF binary", mode: 0o755)
        let (result, _) = run("apt-get update || echo failed", on: fs, environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.unsupportedCommands == ["/usr/bin/apt-get"])
        #expect(result.stdout.text == "failed\n")
        #expect(result.stderr.text == "sh: apt-get: cannot be simulated (not a busybox applet or shell script)\n")
    }

    @Test func shellScriptsOnPathRun() throws {
        var fs = try makeImageFileSystem()
        try fs.seed("/usr/local/bin/greet", "#!/usr/bin/env sh\necho \"hi $1\"\n", mode: 0o755)
        let (result, _) = run("greet you", on: fs, environment: ["PATH": "/usr/local/bin:/bin"])
        #expect(result.stdout.text == "hi you\n")
        #expect(result.unsupportedCommands.isEmpty)
    }
}
