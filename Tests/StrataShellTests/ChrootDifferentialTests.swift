import Testing
@testable import StrataShell

/// adduser, addgroup, deluser, delgroup, install and split against real busybox 1.35 applets
/// (Tests/ShellOracle/build-busybox-oracle.sh), chrooted into an image tree so that their edits of
/// /etc/passwd, /etc/group and /etc/shadow stay inside it.
@Suite struct ChrootDifferentialTests {
    static let snippets: [String] = [
        "adduser -D bob; echo $?; cat /etc/passwd /etc/group",
        "adduser -D bob && stat -c '%a %u:%g %n' /home/bob && cut -d: -f1,2 /etc/shadow",
        "adduser -D -u 1500 -s /bin/ash -h /opt/app -g 'App User' app; grep app /etc/passwd /etc/group",
        "adduser -D -H nohome; ls /home; grep nohome /etc/passwd",
        "adduser -S svc; grep svc /etc/passwd /etc/group",
        "adduser -S -G users svc2; grep svc2 /etc/passwd",
        "addgroup -S sysgrp; addgroup grp; addgroup -g 5000 fixed; cat /etc/group",
        "addgroup -g 2000 grp && adduser -D -G grp -u 2001 member && grep -e grp -e member /etc/passwd /etc/group",
        "adduser -D bob; adduser -D bob; echo $?",
        "addgroup wheel; echo $?",
        "addgroup -g 0 other; echo $?",
        "adduser -D -u 0 clash; echo $?",
        "adduser -D 'bad name'; echo $?",
        "adduser -D bob && addgroup bob wheel && grep wheel /etc/group",
        "adduser -D bob && adduser bob users && grep users /etc/group",
        "addgroup nosuch wheel; echo $?",
        "adduser -D bob && deluser bob && cat /etc/passwd /etc/group; ls /home",
        "addgroup grp && delgroup grp && cat /etc/group",
        "deluser nobody2; echo $?",
        "adduser -D bob && addgroup bob wheel && deluser bob; echo $?; cat /etc/group",
        "addgroup -g 3000 shared && adduser -D -G shared -u 3001 one && delgroup shared; echo $?",
        "adduser -D -h /srv/home user1; echo $?; stat -c '%a %u:%g %n' /srv/home 2>&1",
        "mkdir -p /home/pre && adduser -D pre && stat -c '%a %u:%g %n' /home/pre",
        "adduser -D bob && chown bob:bob /src/tool && stat -c '%a %u:%g %n' /src/tool",
        "install -m 750 /src/tool /usr/local/bin/tool && stat -c '%a %u:%g %s %n' /usr/local/bin/tool",
        "install -D -m 644 /src/data.txt /opt/a/b/data.txt && ls -R /opt",
        "install -d -m 700 /srv/one /srv/two && stat -c '%a %n' /srv/one /srv/two",
        "adduser -D app && install -o app -g app -m 600 /src/tool /tmp/owned && stat -c '%a %u:%g %n' /tmp/owned",
        "install /src/nope /tmp/x; echo $?",
        "install -m 755 /src/tool /src/data.txt /usr/local/bin/ && ls /usr/local/bin",
        "cd /tmp && split -l 10 /src/data.txt && ls && cat xac",
        "cd /tmp && split -l 7 /src/data.txt part. && wc -l part.*",
        "cd /tmp && split -b 64 /src/data.txt && wc -c x*",
        "cd /tmp && split -a 3 -l 20 /src/data.txt && ls",
        "cd /tmp && cat /src/data.txt | split -l 12 - in_ && ls",
    ]

    @Test(.enabled(if: DifferentialHarness.chrootAvailable, "needs root, chroot and the busybox oracle"), arguments: snippets)
    func snippetAgreesWithChrootedBusybox(_ snippet: String) throws {
        let problems = try DifferentialHarness.chrootedDifferences(snippet)
        #expect(problems.isEmpty, Comment(rawValue: snippet + "\n" + problems.joined(separator: "\n")))
    }
}
