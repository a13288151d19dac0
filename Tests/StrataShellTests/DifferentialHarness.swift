import Foundation
@testable import StrataShell

/// Runs a snippet under real busybox and under Strata's shell over identical seeded trees, and
/// describes every difference in stdout, stderr, exit status and the resulting tree.
enum DifferentialHarness {
    static let busybox = "/usr/bin/busybox"
    static var busyboxAvailable: Bool { FileManager.default.isExecutableFile(atPath: busybox) }

    /// The starting tree both sides get: relative paths under the root.
    static func seed(_ root: URL) throws {
        let fm = FileManager.default
        func write(_ path: String, _ text: String, mode: Int = 0o644) throws {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
        try write("etc/passwd", (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0:root:/root:/bin/sh\n")
        try write("etc/group", (try? String(contentsOfFile: "/etc/group", encoding: .utf8)) ?? "root:x:0:\n")
        try write("app/config.ini", "[server]\nhost = localhost\nport = 8080\ndebug = true\n# a comment\n[db]\nname = app\nuser = admin\n")
        try write("app/README.md", "# App\n\nThis is the app.\nIt has several lines.\n\nThe end.\n")
        try write("data/a.txt", "alpha\nbeta\ngamma\n")
        try write("data/b.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n")
        try write("data/nums", "10\n2\n33\n4\n2\n")
        try write("data/words", "the quick brown fox\njumps over the lazy dog\nThe End\n")
        try write("data/csv", "name,age,city\nalice,30,paris\nbob,25,berlin\ncarol,35,rome\n")
        try write("data/nonl", "no newline at end")
        try write("data/sub/c.txt", "deep\n")
        try write("data/sub/inner/d.log", "log line\n")
        try write("scripts/run.sh", "#!/bin/sh\necho run \"$@\"\n", mode: 0o755)
        try write("secret.key", "s3cr3t-value\n", mode: 0o600)
        try fm.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "data/a.txt")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("dirlink").path, withDestinationPath: "data/sub")
    }

    struct Outcome: Equatable {
        var stdout: String
        var stderr: String
        var status: Int32
        var tree: [String]
    }

    static func makeRoot() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try seed(url)
        return url
    }

    static func runBusybox(_ snippet: String) throws -> Outcome {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: busybox)
        process.arguments = ["sh", "-c", "umask 022; exec /usr/bin/busybox sh -c \"$1\"", "sh", snippet]
        process.currentDirectoryURL = root
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
        // The oracle runs inside a host directory; show its paths as the container would.
        func containerPaths(_ data: Data) -> String {
            let text = String(decoding: data, as: UTF8.self)
            let prefix = root.path
            let resolved = URL(fileURLWithPath: prefix).resolvingSymlinksInPath().path
            return text.replacingOccurrences(of: resolved + "/", with: "/").replacingOccurrences(of: resolved, with: "/")
                .replacingOccurrences(of: prefix + "/", with: "/").replacingOccurrences(of: prefix, with: "/")
        }
        return Outcome(
            stdout: containerPaths(outData), stderr: containerPaths(errData),
            status: process.terminationStatus, tree: try describeTree(root, excluding: []))
    }

    /// Strata's side of a tree: `/bin/busybox` (empty: the models stand in for it) and a
    /// link to it for `sh` and every modelled program, as a busybox image has them.
    static func linkProgramModels(into root: URL) throws {
        let fm = FileManager.default
        let bin = root.appendingPathComponent("bin")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try Data().write(to: bin.appendingPathComponent("busybox"))
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("busybox").path)
        for name in ["sh"] + Programs.names {
            try fm.createSymbolicLink(atPath: bin.appendingPathComponent(name).path, withDestinationPath: "busybox")
        }
    }

    static func runStrata(_ snippet: String) throws -> Outcome {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        try linkProgramModels(into: root)
        var runner = ShellRunner(
            fileSystem: HostDirectoryFileSystem(root: root.path),
            environment: ["PATH": "/bin:/usr/bin", "HOME": "/root"], workingDirectory: "/")
        let result = runner.run(script: snippet)
        return Outcome(
            stdout: result.stdout.text, stderr: result.stderr.text, status: result.exitStatus,
            tree: try describeTree(root, excluding: ["bin"]))
    }

    /// One line per entry: path, kind, mode, owner and content or link target.
    static func describeTree(_ root: URL, excluding: Set<String>) throws -> [String] {
        var lines: [String] = []
        func walk(_ relative: String) {
            let full = relative.isEmpty ? root.path : root.path + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { return }
            let mode = String(info.st_mode & 0o7777, radix: 8)
            let owner = "\(info.st_uid):\(info.st_gid)"
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if !relative.isEmpty { lines.append("\(relative)/ d \(mode) \(owner)") }
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []).sorted()
                for name in names {
                    let child = relative.isEmpty ? name : relative + "/" + name
                    if relative.isEmpty && excluding.contains(name) { continue }
                    walk(child)
                }
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
                lines.append("\(relative) -> \(target) \(owner)")
            default:
                let data = FileManager.default.contents(atPath: full) ?? Data()
                let text = String(decoding: data.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n")
                lines.append("\(relative) f \(mode) \(owner) \(data.count) \(text)")
            }
        }
        walk("")
        return lines
    }

    /// A readable list of differences, empty when both agree.
    static func differences(_ snippet: String) throws -> [String] {
        let expected = try runBusybox(snippet)
        let actual = try runStrata(snippet)
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
