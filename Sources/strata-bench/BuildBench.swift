import Foundation
import Strata

/// Whole builds: every conformance case with Strata cold (fresh store) and fully cached (same
/// store again), against real BuildKit with `--no-cache` when dockerd answers; and a generated
/// 200-step Dockerfile cold against cached.
enum BuildBench {
    static let docker = "/usr/bin/docker"

    /// One conformance case as the recorder builds it.
    struct BuildCase {
        var name: String
        var directory: URL
        var buildArgs: [String: String?]
        var secrets: [String: String]
        var target: String?

        var context: URL { directory.appendingPathComponent("context") }
        var dockerfile: URL { directory.appendingPathComponent("Dockerfile") }

        func request(tag: String) -> BuildRequest {
            var environment: [String: String] = [:]
            for (id, value) in secrets { environment["STRATA_BENCH_SECRET_\(id)"] = value }
            return BuildRequest(
                contextDirectory: context, dockerfile: dockerfile, tags: [tag],
                buildArgs: buildArgs.compactMapValues { $0 },
                secrets: secrets.keys.sorted().map { SecretSource(id: $0, environmentVariable: "STRATA_BENCH_SECRET_\($0)") },
                target: target, environment: environment)
        }
    }

    static func run(_ options: BenchOptions) throws {
        let workspace = try makeTemporaryDirectory("build")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let root = repositoryRoot()
        let archive = workspace.appendingPathComponent("busybox-sim.tar")
        let made = try runTool("/usr/bin/env", ["bash", root.appendingPathComponent("Scripts/make-busybox-image").path, archive.path])
        guard made.status == 0 else { throw BenchError.failed("Scripts/make-busybox-image failed: \(made.stderr)") }
        // For `perf record`: only the 200-step build, its cached rebuild repeated so that it
        // dominates the profile (STRATA_BENCH_CACHED_REPEAT=N; not timed against a target).
        if let repeats = ProcessInfo.processInfo.environment["STRATA_BENCH_CACHED_REPEAT"].flatMap(Int.init), repeats > 0 {
            try generatedBuild(archive: archive, workspace: workspace, steps: 200, cachedRepeats: repeats)
            return
        }

        let cases = try loadCases(from: root.appendingPathComponent("Tests/Conformance"), into: workspace.appendingPathComponent("cases"))
        var cold: [String: Double] = [:]
        var cachedTotal = 0.0
        var coldCPU = 0.0
        var cachedCPU = 0.0
        var failed: [String] = []
        for item in cases {
            let store = workspace.appendingPathComponent("store-\(item.name)")
            defer { try? FileManager.default.removeItem(at: store) }
            let engine = try Engine(storeRoot: store)
            _ = try engine.load(archive: archive)
            let request = item.request(tag: "bench/\(item.name.lowercased()):latest")
            do {
                let first = try measure { _ = try engine.build(request) }
                let again = try measure { _ = try engine.build(request) }
                cold[item.name] = first.wall
                cachedTotal += again.wall
                coldCPU += first.cpu
                cachedCPU += again.cpu
            } catch {
                failed.append(item.name)
                FileHandle.standardError.write(Data("build-cases: \(item.name) failed in Strata: \(error)\n".utf8))
            }
        }
        let coldTotal = cold.values.reduce(0, +)
        let built = cold.keys.sorted()
        let failures = failed.isEmpty ? "" : "; \(failed.count) failed in Strata and are left out: \(failed.joined(separator: " "))"
        let cachedRatio = cachedTotal / coldTotal
        report("build-cases: strata cold \(duration(coldTotal)) (cpu \(duration(coldCPU))), cached \(duration(cachedTotal)) (cpu \(duration(cachedCPU)); \(fixed(cachedRatio * 100, 1))% of cold) over \(built.count) conformance cases\(failures)")

        if let reason = dockerUnavailable(options) {
            report("build-buildkit: skipped (\(reason))")
        } else {
            let subset = options.quick ? Array(built.prefix(10)) : built
            let byName = Dictionary(uniqueKeysWithValues: cases.map { ($0.name, $0) })
            var theirsTotal = 0.0
            var oursTotal = 0.0
            var dockerFailed: [String] = []
            try ensureDockerBase(archive)
            for name in subset {
                guard let item = byName[name] else { continue }
                let tag = "strata-bench/\(name.lowercased()):latest"
                var status: Int32 = 0
                let time = try seconds { status = try dockerBuild(item, tag: tag, secretDirectory: workspace) }
                _ = try? runTool(docker, ["rmi", "-f", tag])
                guard status == 0 else {
                    dockerFailed.append(name)
                    continue
                }
                theirsTotal += time
                oursTotal += cold[name] ?? 0
            }
            let ratio = theirsTotal / oursTotal
            let skippedNote = dockerFailed.isEmpty ? "" : "; BuildKit failed on \(dockerFailed.joined(separator: " "))"
            report("build-buildkit: strata cold \(duration(oursTotal)), buildkit --no-cache \(duration(theirsTotal)), ratio \(fixed(ratio, 1))x (target ≥ 100x) \(verdict(ratio >= 100)) [\(subset.count - dockerFailed.count) cases, \(duration(theirsTotal / Double(max(1, subset.count - dockerFailed.count)))) per BuildKit build\(skippedNote)]")
        }

        try generatedBuild(archive: archive, workspace: workspace, steps: 200)
    }

    /// A generated Dockerfile of `steps` steps: cold in a fresh store, then fully cached.
    static func generatedBuild(archive: URL, workspace: URL, steps: Int, cachedRepeats: Int = 0) throws {
        let context = workspace.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: context.appendingPathComponent("files"), withIntermediateDirectories: true)
        var text = "FROM busybox:sim\n"
        for i in 0..<steps - 1 {
            switch i % 5 {
            case 0: text += "RUN mkdir -p /work/\(i) && echo step \(i) > /work/\(i)/out && cat /work/\(i)/out >> /work/log\n"
            case 1: text += "ENV STEP_\(i)=value-\(i)\n"
            case 2:
                try Data("file \(i)\n".utf8).write(to: context.appendingPathComponent("files/f\(i).txt"))
                text += "COPY files/f\(i).txt /copied/f\(i).txt\n"
            case 3: text += "WORKDIR /work/\(i)\n"
            default: text += "RUN i=0; while [ $i -lt 20 ]; do i=$((i+1)); done; echo \"$STEP_\(i - 3) $i\" > /work/loop-\(i)\n"
            }
        }
        try Data(text.utf8).write(to: context.appendingPathComponent("Dockerfile"))
        let store = workspace.appendingPathComponent("store-generated")
        defer { try? FileManager.default.removeItem(at: store) }
        let engine = try Engine(storeRoot: store)
        _ = try engine.load(archive: archive)
        let request = BuildRequest(contextDirectory: context, tags: ["bench/generated:latest"])
        var first: BuildOutcome?
        let cold = try measure { first = try engine.build(request) }
        var second: BuildOutcome?
        let cached = try measure { second = try engine.build(request) }
        if cachedRepeats > 0 {
            let repeated = try measure { for _ in 0..<cachedRepeats { _ = try engine.build(request) } }
            report("build-\(steps)-steps: \(cachedRepeats) more cached builds, \(duration(repeated.cpu / Double(cachedRepeats))) of cpu each")
        }
        let coldTime = cold.wall
        let cachedTime = cached.wall
        let percent = cachedTime / coldTime * 100
        let same = first?.imageID == second?.imageID ? "" : "  IMAGE DIFFERS"
        let executed = second?.executedSteps.count ?? -1
        report("build-\(steps)-steps: strata cold \(duration(coldTime)) (cpu \(duration(cold.cpu))), cached \(duration(cachedTime)) (cpu \(duration(cached.cpu)), \(executed) steps re-run), cached/cold \(fixed(percent, 1))% (target < 5%) \(verdict(percent < 5))\(same)")
        // What a new process (`strata build` again) pays: the same rebuild from a new Engine on
        // the same store, whose memory of earlier builds is empty. Its set-up is timed apart.
        var fresh: Engine?
        let engineCPU = try measure { fresh = try Engine(storeRoot: store) }.cpu
        guard let fresh else { return }
        var third: BuildOutcome?
        let anew = try measure { third = try fresh.build(request) }
        let freshSame = third?.imageID == first?.imageID ? "" : "  IMAGE DIFFERS"
        report("build-\(steps)-steps-new-engine: strata cached in a new Engine \(duration(anew.wall)) (cpu \(duration(anew.cpu)), \(third?.executedSteps.count ?? -1) steps re-run; Engine set-up cpu \(duration(engineCPU))), \(fixed(anew.wall / coldTime * 100, 1))% of cold (informational)\(freshSame)")
    }

    /// Cases that build (not `mustFail`, no ssh agent), copied so each has a context directory.
    static func loadCases(from source: URL, into destination: URL) throws -> [BuildCase] {
        try FileManager.default.copyItem(at: source, to: destination)
        var cases: [BuildCase] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted() {
            let directory = destination.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("Dockerfile").path) else { continue }
            var spec: [String: Any] = [:]
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent("case.json").path) {
                spec = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            }
            if spec["mustFail"] as? Bool == true || spec["ssh"] != nil { continue }
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("context"), withIntermediateDirectories: true)
            var buildArgs: [String: String?] = [:]
            for (key, value) in spec["buildArgs"] as? [String: Any] ?? [:] { buildArgs[key] = value as? String }
            cases.append(BuildCase(
                name: name, directory: directory, buildArgs: buildArgs,
                secrets: spec["secrets"] as? [String: String] ?? [:], target: spec["target"] as? String))
        }
        return cases
    }

    /// Why real BuildKit cannot be timed, or nil when it can.
    static func dockerUnavailable(_ options: BenchOptions) -> String? {
        guard options.docker else { return "--no-docker" }
        guard FileManager.default.isExecutableFile(atPath: docker) else { return "\(docker) not installed" }
        guard let info = try? runTool(docker, ["info", "--format", "{{.ServerVersion}}"]), info.status == 0 else {
            return "`docker info` failed: dockerd is not running"
        }
        return nil
    }

    /// Loads busybox:sim into dockerd unless it is there already.
    static func ensureDockerBase(_ archive: URL) throws {
        if try runTool(docker, ["image", "inspect", "busybox:sim"]).status == 0 { return }
        let loaded = try runTool(docker, ["load", "-i", archive.path])
        guard loaded.status == 0 else { throw BenchError.failed("docker load failed: \(loaded.stderr)") }
    }

    /// `docker build` of one case with BuildKit, as Scripts/record-conformance runs it.
    static func dockerBuild(_ item: BuildCase, tag: String, secretDirectory: URL) throws -> Int32 {
        var arguments = ["build", "--network=none", "--no-cache", "--progress=plain", "-t", tag, "-f", item.dockerfile.path]
        for (key, value) in item.buildArgs.sorted(by: { $0.key < $1.key }) {
            arguments += ["--build-arg", value.map { "\(key)=\($0)" } ?? key]
        }
        for (id, value) in item.secrets.sorted(by: { $0.key < $1.key }) {
            let file = secretDirectory.appendingPathComponent("secret-\(item.name)-\(id)")
            try Data(value.utf8).write(to: file)
            arguments += ["--secret", "id=\(id),src=\(file.path)"]
        }
        if let target = item.target { arguments += ["--target", target] }
        arguments.append(item.context.path)
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKER_BUILDKIT"] = "1"
        return try runTool(docker, arguments, environment: environment).status
    }

    /// The repository: the current directory when it holds Tests/Conformance (`make bench`
    /// runs there), otherwise the one this file was compiled from.
    static func repositoryRoot() -> URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if FileManager.default.fileExists(atPath: current.appendingPathComponent("Tests/Conformance").path) { return current }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
