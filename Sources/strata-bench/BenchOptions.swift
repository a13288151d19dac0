import Foundation

/// What to run and how big, from flags or (because `make bench` passes none) environment
/// variables: `STRATA_BENCH_QUICK=1`, `STRATA_BENCH_ONLY=parser,shell`, `STRATA_BENCH_AUDIT_MIB=2048`.
struct BenchOptions {
    static let all = ["sha256", "parser", "shell", "audit", "build"]
    static let usage = """
        USAGE: strata-bench [--quick] [--only NAME[,NAME...]] [--audit-mib N] [--no-docker]

        Benchmarks: \(all.joined(separator: ", ")). Each prints one line per measurement with
        Strata's figure, the real tool's figure, the ratio and the target.

        OPTIONS:
          --quick           smaller inputs and fewer repetitions (about a minute in all)
          --only NAMES      run only these benchmarks (comma-separated)
          --audit-mib N     size of the generated docker-archive for the audit (default 1100, quick 256)
          --no-docker       do not time real BuildKit even when dockerd answers
        Environment: STRATA_BENCH_QUICK=1, STRATA_BENCH_ONLY, STRATA_BENCH_AUDIT_MIB, STRATA_BENCH_NO_DOCKER=1,
          STRATA_BENCH_VERBOSE=1 (also print how long each benchmark took, setup included).
        """

    var quick = false
    var only: Set<String> = Set(all)
    var auditMiB: Int?
    var docker = true

    /// Megabytes of the generated archive: at least 1 GiB by default.
    var auditBytes: Int { (auditMiB ?? (quick ? 256 : 1100)) << 20 }
    /// Instructions in the generated Dockerfile for the parser benchmark.
    var parserInstructions: Int { 10_000 }
    var repetitions: Int { quick ? 2 : 5 }

    func runs(_ name: String) -> Bool { only.contains(name) }

    static func parse(_ arguments: [String], environment: [String: String]) throws -> BenchOptions {
        var options = BenchOptions()
        if let value = environment["STRATA_BENCH_QUICK"], value != "", value != "0" { options.quick = true }
        if let value = environment["STRATA_BENCH_ONLY"], !value.isEmpty { options.only = try names(value) }
        if let value = environment["STRATA_BENCH_AUDIT_MIB"], let mib = Int(value) { options.auditMiB = mib }
        if let value = environment["STRATA_BENCH_NO_DOCKER"], value != "", value != "0" { options.docker = false }
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": options.quick = true
            case "--no-docker": options.docker = false
            case "--only":
                guard let value = rest.popFirst() else { throw BenchError.usage("--only needs a value") }
                options.only = try names(value)
            case "--audit-mib":
                guard let value = rest.popFirst(), let mib = Int(value), mib > 0 else {
                    throw BenchError.usage("--audit-mib needs a positive number")
                }
                options.auditMiB = mib
            case "-h", "--help":
                print(usage)
                exit(0)
            default: throw BenchError.usage("unknown option \"\(argument)\"")
            }
        }
        return options
    }

    private static func names(_ list: String) throws -> Set<String> {
        let names = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        for name in names where !all.contains(name) {
            throw BenchError.usage("unknown benchmark \"\(name)\" (one of \(all.joined(separator: ", ")))")
        }
        return names
    }
}
