import Testing
@testable import StrataShell

/// adduser, addgroup, deluser and delgroup edit the account files as busybox 1.35 does.
@Suite struct AccountProgramTests {
    func image() throws -> MemoryFileSystem {
        var fs = try makeImageFileSystem()
        try fs.seed("/etc/shadow", "root:*:19000:0:99999:7:::\n", mode: 0o640)
        try fs.seed("/etc/skel/.profile", "export PS1='$ '\n")
        return fs
    }

    func text(_ fs: MemoryFileSystem, _ path: String) throws -> String { try fs.readFile(path).text }

    @Test func addgroupWithGidAppendsLine() throws {
        let (result, fs) = run("addgroup -g 2000 grp", on: try image())
        #expect(result.exitStatus == 0)
        #expect(try text(fs, "/etc/group") == "root:x:0:\napp:x:1000:\ngrp:x:2000:\n")
    }

    @Test func addgroupPicksNextFreeGid() throws {
        let (_, fs) = run("addgroup one; addgroup -S sys", on: try image())
        // Upwards from 1000 and from FIRST_SYSTEM_ID (100), as the busybox 1.35 oracle does.
        #expect(try text(fs, "/etc/group").hasSuffix("one:x:1001:\nsys:x:100:\n"))
    }

    @Test func addgroupRefusesExistingGroupAndGid() throws {
        let (result, _) = run("addgroup app; addgroup -g 0 other", on: try image())
        #expect(result.stderr.text == "addgroup: group 'app' in use\naddgroup: gid '0' in use\n")
        #expect(result.exitStatus == 1)
    }

    @Test func adduserWithFlagsWritesAllFiles() throws {
        let (result, fs) = run("mkdir /home; addgroup -g 2000 grp && adduser -D -u 1500 -G grp -s /bin/bash -h /home/x xuser", on: try image())
        #expect(result.exitStatus == 0)
        #expect(try text(fs, "/etc/passwd").hasSuffix("xuser:x:1500:2000:Linux User,,,:/home/x:/bin/bash\n"))
        #expect(try text(fs, "/etc/group").hasSuffix("grp:x:2000:xuser\n"))
        #expect(try text(fs, "/etc/shadow").hasSuffix("xuser:!:\(1_700_000_000 / 86400):0:99999:7:::\n"))
        let home = try fs.stat("/home/x")
        // busybox chmods the home 02755 after the chown (which would clear a setgid bit).
        #expect(home.kind == .directory && home.uid == 1500 && home.gid == 2000 && home.mode == 0o2755)
        #expect(try fs.stat("/home/x/.profile").uid == 1500)
    }

    @Test func adduserDefaultsCreateMatchingGroup() throws {
        let (_, fs) = run("adduser -D bob", on: try image())
        #expect(try text(fs, "/etc/passwd").hasSuffix("bob:x:1001:1001:Linux User,,,:/home/bob:/bin/sh\n"))
        #expect(try text(fs, "/etc/group").hasSuffix("bob:x:1001:\n"))
    }

    @Test func adduserRefusesExistingUser() throws {
        let (result, _) = run("adduser -D app", on: try image())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == "adduser: user 'app' in use\n")
    }

    @Test func adduserUserGroupAddsMembership() throws {
        let (_, fs) = run("addgroup grp && adduser app grp && addgroup app grp", on: try image())
        #expect(try text(fs, "/etc/group").hasSuffix("grp:x:1001:app\n"))
    }

    @Test func deluserRemovesUserShadowMembershipAndOwnGroup() throws {
        let (result, fs) = run("adduser -D bob && addgroup wheel && addgroup bob wheel && deluser bob", on: try image())
        #expect(result.exitStatus == 0)
        #expect(!(try text(fs, "/etc/passwd")).contains("bob"))
        #expect(!(try text(fs, "/etc/shadow")).contains("bob"))
        #expect(try text(fs, "/etc/group") == "root:x:0:\napp:x:1000:\nwheel:x:1002:\n")
    }

    @Test func everyRewriteKeepsTheOldFileAsABackup() throws {
        let before = try image()
        let (_, fs) = run("mkdir /home; adduser -D bob", on: before)
        #expect(try fs.readFile("/etc/passwd-") == before.readFile("/etc/passwd"))
        #expect(try fs.readFile("/etc/group-") == before.readFile("/etc/group"))
        #expect(try fs.readFile("/etc/shadow-") == before.readFile("/etc/shadow"))
        #expect(try fs.stat("/etc/shadow-").mode == 0o640)
        #expect(try fs.stat("/home/bob").mode == 0o2755)
    }

    @Test func delgroupRefusesPrimaryGroup() throws {
        let (result, _) = run("delgroup app", on: try image())
        #expect(result.exitStatus == 1)
        #expect(result.stderr.text == "delgroup: 'app' still has 'app' as their primary group!\n")
    }

    @Test func unknownNamesAreReported() throws {
        let (result, _) = run("deluser nope; delgroup nope; deluser app nogrp", on: try image())
        #expect(result.stderr.text == "deluser: unknown user nope\ndelgroup: unknown group nope\ndeluser: unknown group nogrp\n")
    }
}
