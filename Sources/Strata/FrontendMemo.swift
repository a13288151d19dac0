import StrataDockerfile
import StrataFrontend
import StrataSupport
import Synchronization

/// The frontend's work for the last few Dockerfiles an `Engine` built, so that rebuilding the
/// same Dockerfile does not parse, check and convert it again: that was most of what was left
/// of a fully cached rebuild once its steps were answered from one record set.
///
/// Both are pure functions of what the key holds. Parsing and the build checks depend only on
/// the Dockerfile's text, its display name and the `.dockerignore` text. The conversion also
/// depends on the frontend options and on the configs of the base images it resolved, so an
/// entry remembers each image's config digest and is used only while every reference still
/// resolves to the same config (a re-tagged base image converts again).
final class FrontendMemo: Sendable {
    struct Parsed: Sendable {
        var text: String
        var fileName: String
        var ignoreText: String
        var dockerfile: ParsedDockerfile
        var findings: [StrataDockerfile.Finding]
    }

    struct Converted: Sendable {
        var text: String
        var fileName: String
        var options: FrontendOptions
        /// Every image reference the conversion resolved, with the config digest it found.
        var images: [String: Digest]
        var build: ConvertedBuild
    }

    /// How many Dockerfiles are remembered (most recent first).
    static let capacity = 4
    private let parsed = Mutex<[Parsed]>([])
    private let converted = Mutex<[Converted]>([])

    func parsed(text: String, fileName: String, ignoreText: String) -> Parsed? {
        parsed.withLock { entries in
            entries.first { $0.text == text && $0.fileName == fileName && $0.ignoreText == ignoreText }
        }
    }

    func remember(_ entry: Parsed) {
        parsed.withLock { entries in
            entries.removeAll { $0.text == entry.text && $0.fileName == entry.fileName && $0.ignoreText == entry.ignoreText }
            entries.insert(entry, at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
    }

    /// The conversion of the same text with the same options, if every image it resolved still
    /// has the config it had (`configOf` gives the current config digest, nil when it is gone).
    func converted(text: String, fileName: String, options: FrontendOptions, configOf: (String) -> Digest?) -> ConvertedBuild? {
        let entry = converted.withLock { entries in
            entries.first { $0.text == text && $0.fileName == fileName && $0.options == options }
        }
        guard let entry, entry.images.allSatisfy({ configOf($0.key) == $0.value }) else { return nil }
        return entry.build
    }

    func remember(_ entry: Converted) {
        converted.withLock { entries in
            entries.removeAll { $0.text == entry.text && $0.fileName == entry.fileName && $0.options == entry.options }
            entries.insert(entry, at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
    }
}
