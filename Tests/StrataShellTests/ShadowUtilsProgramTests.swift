import Testing
@testable import StrataShell

/// useradd, groupadd and usermod edit the account files as shadow-utils does on Debian.
@Suite struct ShadowUtilsProgramTests {
    func image() throws -> MemoryFileSystem {
        var fs = try makeImageFileSystem()
        try fs.seed("/etc/shadow", "root:*:19000:0:99999:7:::\n", mode: 0o640)
        return fs
    }

    func text(_ fs: MemoryFileSystem, _ path: String) throws -> String { try fs.readFile(path).text }

    @Test func groupaddTakesNextIdAboveHighest() throws {
        let (result, fs) = run("groupadd one && groupadd -r sys && groupadd -g 3000 three", on: try image())
        #expect(result.exitStatus == 0)
        #expect(try text(fs, "/etc/group") == "root:x:0:\napp:x:1000:\none:x:1001:\nsys:x:999:\nthree:x:3000:\n")
    }

    @Test(arguments: [
        ("groupadd app", "groupadd: group 'app' already exists\n", Int32(9)),
        ("groupadd -g 1000 dup", "groupadd: GID '1000' already exists\n", Int32(4)),
        ("groupadd -f app", "", Int32(0)),
        ("useradd app", "useradd: user 'app' already exists\n", Int32(9)),
        ("useradd -g nogrp bob", "useradd: group 'nogrp' does not exist\n", Int32(6)),
        ("useradd -u 1000 bob", "useradd: UID 1000 is not unique\n", Int32(4)),
        ("usermod -s /bin/bash nobody", "usermod: user 'nobody' does not exist\n", Int32(6)),
    ])
    func refusalsUseShadowUtilsExitCodes(_ script: String, _ stderr: String, _ status: Int32) throws {
        let (result, _) = run(script, on: try image())
        #expect(result.stderr.text == stderr)
        #expect(result.exitStatus == status)
    }

    @Test func useraddCreatesUserGroupShadowAndHome() throws {
        let (result, fs) = run("groupadd docker && useradd -m -u 1500 -G docker -s /bin/bash dev", on: try image())
        #expect(result.exitStatus == 0)
        #expect(try text(fs, "/etc/passwd").hasSuffix("dev:x:1500:1500::/home/dev:/bin/bash\n"))
        #expect(try text(fs, "/etc/group").hasSuffix("docker:x:1001:dev\ndev:x:1500:\n"))
        #expect(try text(fs, "/etc/shadow").hasSuffix("dev:!:\(1_700_000_000 / 86400):0:99999:7:::\n"))
        #expect(try fs.stat("/home/dev").uid == 1500)
    }

    @Test func useraddWithoutMCreatesNoHome() throws {
        let (_, fs) = run("useradd bob", on: try image())
        #expect(try text(fs, "/etc/passwd").hasSuffix("bob:x:1001:1001::/home/bob:/bin/sh\n"))
        #expect(!fs.exists("/home/bob"))
    }

    @Test func useraddSystemAccountCountsDown() throws {
        let (_, fs) = run("useradd -r svc", on: try image())
        #expect(try text(fs, "/etc/passwd").hasSuffix("svc:x:999:999::/nonexistent:/bin/sh\n"))
    }

    @Test func usermodAppendsOrReplacesSupplementaryGroups() throws {
        let (_, appended) = run("groupadd a && groupadd b && usermod -aG a app && usermod -a -G b app", on: try image())
        #expect(try text(appended, "/etc/group").hasSuffix("a:x:1001:app\nb:x:1002:app\n"))
        let (_, replaced) = run("groupadd a && groupadd b && usermod -aG a app && usermod -G b app", on: try image())
        #expect(try text(replaced, "/etc/group").hasSuffix("a:x:1001:\nb:x:1002:app\n"))
    }

    @Test func usermodChangesFieldsAndMovesHome() throws {
        var fs = try image()
        try fs.makeParents("/home/app")
        try fs.makeParents("/srv")
        let (result, after) = run("usermod -u 2000 -s /bin/bash -d /srv/app -m app", on: fs)
        #expect(result.exitStatus == 0)
        #expect(try text(after, "/etc/passwd").hasSuffix("app:x:2000:1000::/srv/app:/bin/bash\n"))
        #expect(after.isDirectory("/srv/app"))
        #expect(!after.exists("/home/app"))
        #expect(try after.stat("/srv/app").uid == 2000)
    }
}
