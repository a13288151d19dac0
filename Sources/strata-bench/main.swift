import Foundation

// `make bench`: Strata's speed goals, measured side by side with the real tools in one run.
// Never part of `make test`; numbers vary by machine, ratios are what to compare.
// Each line: Strata's figure, the tool's figure, the ratio (tool time / Strata time, so higher
// is better for Strata), the target and `ok` or `MISSED`. See Docs/benchmarks.md.

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let benchmarks: [(String, (BenchOptions) throws -> Void)] = [
    ("sha256", SHA256Bench.run), ("parser", ParserBench.run), ("shell", ShellBench.run),
    ("audit", AuditBench.run), ("build", BuildBench.run),
]
report("Strata benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores\(options.quick ? ", quick" : ""))")
var failures = 0
for (name, run) in benchmarks where options.runs(name) {
    do {
        let time = try seconds { try run(options) }
        if ProcessInfo.processInfo.environment["STRATA_BENCH_VERBOSE"] != nil { report("  (\(name) took \(duration(time)))") }
    } catch {
        report("\(name): FAILED: \(error)")
        failures += 1
    }
}
exit(failures == 0 ? 0 : 1)
