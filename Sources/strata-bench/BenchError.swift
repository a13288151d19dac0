/// Why the benchmark run could not go on: bad flags (exit 2) or a failed step.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let message): "Error: \(message)\nUsage: strata-bench [--quick] [--only NAME[,NAME...]] [--audit-mib N] [--no-docker]"
        case .failed(let message): message
        }
    }
}
