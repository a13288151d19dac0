import Testing
@testable import StrataShell

/// `stat -c` and `mkfifo`, as the conformance cases use them (mount-cache, secret-*, mount-ssh,
/// ownership-and-links), and the busybox details they depend on.
@Suite struct StatAndFifoTests {
    @Test(arguments: [
        ("stat -c '%n %a %u:%g %s' /etc/passwd", "/etc/passwd 644 0:0 65\n"),
        ("stat -c '%F' /etc/passwd /tmp", "regular file\ndirectory\n"),
        ("touch /tmp/e && stat -c '%F %s' /tmp/e", "regular empty file 0\n"),
        ("stat -c '%F %N' /bin/sh", "symbolic link '/bin/sh' -> 'busybox'\n"),
        ("stat -L -c '%F %a' /bin/sh", "regular file 755\n"),
        ("chmod 4755 /tmp && stat -c '%a %A' /tmp", "4755 drwsr-xr-x\n"),
        ("stat -c '%U:%G 100%%' /etc/group", "root:root 100%\n"),
    ])
    func statFormatsLikeBusybox(_ script: String, _ expected: String) throws {
        let (result, _) = run(script, on: try makeImageFileSystem())
        #expect(result.exitStatus == 0)
        #expect(result.stdout.text == expected)
    }

    @Test func statOfAMissingFileFails() throws {
        let (result, _) = run("stat -c %n /nope", on: try makeImageFileSystem())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == "stat: can't stat '/nope': No such file or directory\n")
    }

    @Test func mkfifoMakesAPipeWithTheUmaskApplied() throws {
        let (result, fs) = run("mkfifo /tmp/p && mkfifo -m 600 /tmp/q && stat -c '%F %a' /tmp/p /tmp/q", on: try makeImageFileSystem())
        #expect(result.exitStatus == 0)
        #expect(result.stdout.text == "fifo 644\nfifo 600\n")
        #expect(try fs.lstat("/tmp/p").kind == .fifo)
    }

    @Test func mkfifoOverAnExistingNameFails() throws {
        let (result, _) = run("mkfifo /etc/passwd", on: try makeImageFileSystem())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == "mkfifo: /etc/passwd: File exists\n")
    }

    @Test func printfJoinsConsecutiveOctalEscapesIntoOneCharacter() throws {
        let (result, _) = run("printf 'caf\\303\\251\\n'", on: try makeImageFileSystem())
        #expect(result.stdout.text == "café\n")
    }

    @Test func runnerNameIsDollarZeroAndShlvlIsExported() throws {
        var runner = ShellRunner(fileSystem: try makeImageFileSystem(), environment: ["PATH": "/bin"])
        let result = runner.run(script: "echo \"$0\"; env | grep SHLVL", name: "/bin/sh")
        #expect(result.stdout.text == "/bin/sh\nSHLVL=1\n")
    }

    @Test func idPrintsOnlyTheRuntimesSupplementaryGroups() throws {
        let daemon = ShellUser(name: "app", uid: 1000, gid: 1000, home: "/home/app", supplementaryGroups: [0])
        var runner = ShellRunner(fileSystem: try makeImageFileSystem(), environment: ["PATH": "/bin"], user: daemon)
        #expect(runner.run(script: "id").stdout.text == "uid=1000(app) gid=1000(app) groups=0(root)\n")
        var bare = ShellRunner(fileSystem: try makeImageFileSystem(), environment: ["PATH": "/bin"], user: ShellUser(name: "1", uid: 1, gid: 1, home: "/", supplementaryGroups: []))
        #expect(bare.run(script: "id").stdout.text == "uid=1 gid=1\n")
    }
}
