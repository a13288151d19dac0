import StrataSupport
import Foundation
import StrataShell

/// Strata's simulated shell against real busybox on the same scripts and input: a tight
/// arithmetic loop (interpreter overhead) and a 100,000-line text pipeline (program models).
enum ShellBench {
    static let busybox = "/usr/bin/busybox"
    static let applets = ["sh", "sed", "sort", "uniq", "wc", "cat", "test", "["]

    struct Case {
        var name: String
        var script: String
    }

    static func run(_ options: BenchOptions) throws {
        let lines = options.quick ? 20_000 : 100_000
        let iterations = options.quick ? 2_000 : 10_000
        let input = makeInput(lines: lines)
        let cases = [
            Case(name: "shell-loop", script: "i=0; while [ $i -lt \(iterations) ]; do i=$((i+1)); done; echo $i"),
            Case(
                name: "shell-pipeline",
                script: "sed -e 's/ [0-9]*$//' -e 's/^user/u/' data/input | sort | uniq -c | sort -k2 | wc -l; sed -n '$p' data/input | wc -c"),
        ]
        var fileSystem = MemoryFileSystem(now: 1_700_000_000)
        try fileSystem.seed("/bin/busybox", "\u{7F}ELF", mode: 0o755)
        for applet in applets { try fileSystem.seedLink("/bin/\(applet)", to: "busybox") }
        try fileSystem.seed("/data/input", input)

        let directory = try makeTemporaryDirectory("shell")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for applet in applets {
            try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent(applet).path, withDestinationPath: busybox)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data(input.utf8).write(to: directory.appendingPathComponent("data/input"))

        for item in cases {
            var result: ShellResult?
            let oursTime = bestOf(options.repetitions) {
                var runner = ShellRunner(fileSystem: fileSystem, environment: ["PATH": "/bin"])
                result = runner.run(script: item.script)
            }
            var theirs = ToolResult(status: -1, stdout: "", stderr: "")
            let theirsTime = try bestOf(options.repetitions) {
                theirs = try runTool(busybox, ["sh", "-c", item.script], environment: ["PATH": bin.path, "LC_ALL": "C"], directory: directory)
            }
            guard let ours = result else { continue }
            let ourText = String(decoding: ours.stdout.bytes, as: UTF8.self)
            var check = ""
            if ours.exitStatus != 0 || ourText != theirs.stdout {
                let why = ours.limitViolation.map { " (\($0))" } ?? String(decoding: ours.stderr.bytes.prefix(200), as: UTF8.self)
                check = "  MISMATCH: strata exit \(ours.exitStatus) \(ourText.debugDescription), busybox exit \(theirs.status) \(theirs.stdout.debugDescription)\(why)"
            }
            // Within 2x of busybox: busybox time / strata time of at least 0.5.
            let ratio = theirsTime.wall / oursTime.wall
            let size = item.name == "shell-loop" ? "\(iterations) iterations" : "\(lines) lines, \(input.utf8.count / 1000) kB"
            report("\(item.name): strata \(duration(oursTime.wall)) (cpu \(duration(oursTime.cpu))), busybox \(duration(theirsTime.wall)) (cpu \(duration(theirsTime.cpu))), ratio \(fixed(ratio, 2))x (target ≥ 0.5x, within 2x of busybox) \(verdict(ratio >= 0.5)) [\(size)]\(check)")
        }
    }

    /// Log-like lines with many repeats, so that `uniq -c` has work to do.
    static func makeInput(lines: Int) -> String {
        var random = SplitMix(seed: 0x5_4E11)
        let actions = ["login", "logout", "read", "write", "delete", "create", "update", "list", "search", "export", "import", "sync", "share"]
        var out = ""
        out.reserveCapacity(lines * 40)
        for n in 0..<lines {
            let user = random.next() % 997
            let action = actions[Int(random.next() % UInt64(actions.count))]
            out += "user\(user) \(action) /files/\(random.next() % 50) \(n)\n"
        }
        return out
    }
}
