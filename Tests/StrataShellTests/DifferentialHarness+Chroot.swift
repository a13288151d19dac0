import Foundation
@testable import StrataShell

/// The oracle for applets that edit absolute paths such as /etc/passwd (adduser, addgroup,
/// install -o): real busybox runs chrooted into a temporary image tree, so its edits land in
/// that tree and never on the host. Needs root (to chroot) and the static busybox.
extension DifferentialHarness {
    static let chroot = "/usr/sbin/chroot"

    /// The applets Debian's busybox lacks, built from the same 1.35 source by
    /// Tests/ShellOracle/build-busybox-oracle.sh; `STRATA_BUSYBOX_ORACLE` overrides where it lives.
    static let oracle = ProcessInfo.processInfo.environment["STRATA_BUSYBOX_ORACLE"] ?? "/usr/local/lib/strata/busybox-oracle"
    static let oracleApplets: Set<String> = ["adduser", "addgroup", "deluser", "delgroup", "install", "split"]

    static var chrootAvailable: Bool {
        busyboxAvailable && getuid() == 0 && FileManager.default.isExecutableFile(atPath: chroot)
            && FileManager.default.isExecutableFile(atPath: oracle)
    }

    /// A small Alpine-like image: account files with system users, and an empty /home and /tmp.
    static func seedImage(_ root: URL) throws {
        let fm = FileManager.default
        func write(_ path: String, _ text: String, mode: Int = 0o644) throws {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
        try write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n")
        try write("etc/group", "root:x:0:root\ndaemon:x:1:\nwheel:x:10:root\nusers:x:100:\nnogroup:x:65534:\n")
        try write("etc/shadow", "root:*:19000:0:::::\ndaemon:*:19000:0:::::\nnobody:*:19000:0:::::\n", mode: 0o640)
        try write("src/tool", "#!/bin/sh\necho tool\n", mode: 0o644)
        try write("src/data.txt", (1...25).map { "line \($0)" }.joined(separator: "\n") + "\n")
        for directory in ["home", "tmp", "root", "usr/local/bin"] {
            try fm.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        try fm.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: root.appendingPathComponent("tmp").path)
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.appendingPathComponent("root").path)
    }

    static func makeImageRoot() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-chroot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try seedImage(url)
        return url
    }

    /// Runs the snippet with `chroot ROOT /bin/sh -c`, the applets linked to a copy of busybox.
    static func runBusyboxChrooted(_ snippet: String) throws -> Outcome {
        let root = try makeImageRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let bin = root.appendingPathComponent("bin")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try fm.copyItem(atPath: busybox, toPath: bin.appendingPathComponent("busybox").path)
        try fm.copyItem(atPath: oracle, toPath: bin.appendingPathComponent("busybox-oracle").path)
        for name in ["sh"] + Programs.names {
            let target = oracleApplets.contains(name) ? "busybox-oracle" : "busybox"
            try fm.createSymbolicLink(atPath: bin.appendingPathComponent(name).path, withDestinationPath: target)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chroot)
        process.arguments = [root.path, "/bin/busybox", "sh", "-c", "umask 022; cd /; exec /bin/sh -c \"$1\"", "sh", snippet]
        process.environment = ["PATH": "/bin:/usr/bin", "HOME": "/root"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus, tree: try describeTree(root, excluding: ["bin"]))
    }

    static func runStrataInImage(_ snippet: String) throws -> Outcome {
        let root = try makeImageRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        try linkProgramModels(into: root)
        var runner = ShellRunner(
            fileSystem: HostDirectoryFileSystem(root: root.path),
            environment: ["PATH": "/bin:/usr/bin", "HOME": "/root"], workingDirectory: "/",
            // adduser stamps today's day number into /etc/shadow: use the oracle's clock.
            clock: Int(Date().timeIntervalSince1970))
        let result = runner.run(script: snippet)
        return Outcome(
            stdout: result.stdout.text, stderr: result.stderr.text, status: result.exitStatus,
            tree: try describeTree(root, excluding: ["bin"]))
    }

    /// Differences between chrooted busybox and Strata on the image tree, empty when they agree.
    static func chrootedDifferences(_ snippet: String) throws -> [String] {
        let expected = try runBusyboxChrooted(snippet)
        let actual = try runStrataInImage(snippet)
        return compare(expected, actual)
    }

    static func compare(_ expected: Outcome, _ actual: Outcome) -> [String] {
        var problems: [String] = []
        if expected.stdout != actual.stdout { problems.append("stdout: expected \(expected.stdout.debugDescription), got \(actual.stdout.debugDescription)") }
        if expected.stderr != actual.stderr { problems.append("stderr: expected \(expected.stderr.debugDescription), got \(actual.stderr.debugDescription)") }
        if expected.status != actual.status { problems.append("status: expected \(expected.status), got \(actual.status)") }
        if expected.tree != actual.tree {
            let missing = Set(expected.tree).subtracting(actual.tree).sorted()
            let extra = Set(actual.tree).subtracting(expected.tree).sorted()
            problems.append("tree: missing \(missing), unexpected \(extra)")
        }
        return problems
    }
}
