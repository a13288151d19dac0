import Foundation

/// Where the store lives when the user does not say otherwise.
public enum StoreLocation {
    /// `--store DIR`, else `$STRATA_STORE`, else `$XDG_DATA_HOME/strata`, else
    /// `~/.local/share/strata`. Empty values count as unset, as in the XDG spec.
    public static func resolve(option: String?, environment: [String: String]) -> URL {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        if let option = nonEmpty(option) { return URL(fileURLWithPath: option, isDirectory: true) }
        if let store = nonEmpty(environment["STRATA_STORE"]) { return URL(fileURLWithPath: store, isDirectory: true) }
        if let data = nonEmpty(environment["XDG_DATA_HOME"]) {
            return URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("strata", isDirectory: true)
        }
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/strata", isDirectory: true)
    }
}
