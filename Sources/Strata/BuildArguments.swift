/// `--build-arg` values, as docker's CLI reads them: `K=V`, or `K` alone to take the value from
/// the environment (dropped when the environment has no such variable).
public enum BuildArguments {
    public static func parse(_ flags: [String], environment: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for flag in flags {
            if let equals = flag.firstIndex(of: "=") {
                result[String(flag[..<equals])] = String(flag[flag.index(after: equals)...])
            } else if let value = environment[flag] {
                result[flag] = value
            }
        }
        return result
    }
}
