import Foundation

/// Where the store lives when the user does not say otherwise.
public enum StoreLocation {
    /// `--store DIR`, else `$STRATA_STORE`, else `$XDG_DATA_HOME/strata`, else
    /// `~/.local/share/strata`. Empty values count as unset, as in the XDG spec. A leading `~/`
    /// is expanded, since a shell leaves `--store=~/s` alone.
    public static func resolve(option: String?, environment: [String: String]) -> URL {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        func expand(_ path: String) -> URL {
            let expanded = path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst(1) : path
            return URL(fileURLWithPath: expanded, isDirectory: true)
        }
        if let option = nonEmpty(option) { return expand(option) }
        if let store = nonEmpty(environment["STRATA_STORE"]) { return expand(store) }
        if let data = nonEmpty(environment["XDG_DATA_HOME"]) {
            return URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("strata", isDirectory: true)
        }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/strata", isDirectory: true)
    }
}
