import Foundation

/// Locates BuildKit's conformance data (`shared/conformance`): searched upward from this file,
/// then `STRATA_CONFORMANCE`.
enum Conformance {
    static let root: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/conformance")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        if let path = ProcessInfo.processInfo.environment["STRATA_CONFORMANCE"] {
            return URL(fileURLWithPath: path)
        }
        return nil
    }()

    static var buildkit: URL? { root?.appendingPathComponent("buildkit") }

    static func caseNames(_ relative: String) -> [String] {
        guard let directory = buildkit?.appendingPathComponent(relative),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.sorted()
    }

    static func text(_ relative: String) throws -> String {
        guard let buildkit else { throw MissingData() }
        let data = try Data(contentsOf: buildkit.appendingPathComponent(relative))
        return String(decoding: data, as: UTF8.self)
    }

    struct MissingData: Error {}
}
