import Foundation
import Strata
import StrataVerify

/// The `--secret` flags `build` and `audit` take.
enum SecretFlags {
    /// Every `--secret`, parsed; a malformed one is a usage error of `command`.
    static func parse(_ arguments: ParsedArguments, command: String) throws -> [SecretSource] {
        try arguments.all("secret").map { flag in
            do { return try SecretSource(parsing: flag) } catch {
                throw UsageError(command: command, message: "invalid --secret \"\(flag)\": \(error)")
            }
        }
    }

    /// A warning for each secret too short to look for meaningfully: a value under
    /// `SecretSpec.minimumEncodedLength` bytes is looked for raw only, and turns up by
    /// coincidence in ordinary files (a 1-byte secret "matches" most of a busybox image).
    /// Names the secret and its length, never its value; a secret that cannot be read is left
    /// to the build or audit, which says why.
    static func shortSecretWarnings(_ secrets: [SecretSource], environment: [String: String]) -> [String] {
        let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return secrets.compactMap { source in
            guard let value = try? source.resolve(environment: environment, currentDirectory: directory),
                value.count < SecretSpec.minimumEncodedLength
            else { return nil }
            return "warning: secret \"\(source.id)\" is \(value.count) byte\(value.count == 1 ? "" : "s") long: "
                + "it is looked for unencoded only, and a value this short matches ordinary content by coincidence\n"
        }
    }
}
