import Foundation
import StrataFrontend
import StrataLLB

/// Reads a `--network-fixtures` file: a JSON object mapping each URL a Dockerfile may `ADD` to a
/// file (what the download returns) or a directory (what a git clone gives), by path relative to
/// the fixtures file:
///
///     {"https://example.com/tool.tar.gz": "fixtures/tool.tar.gz",
///      "https://github.com/acme/lib.git#v1.2": "fixtures/lib"}
enum NetworkFixturesFile {
    static func load(_ url: URL) throws -> NetworkFixtures {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw NetworkFixturesError.unreadable(url.path) }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
            throw NetworkFixturesError.malformed(url.path)
        }
        let base = url.deletingLastPathComponent()
        var files: [String: [InlineFile]] = [:]
        for (remote, relative) in object {
            let local = URL(fileURLWithPath: relative, relativeTo: base).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: local.path, isDirectory: &isDirectory) else {
                throw NetworkFixturesError.missingFile(url: remote, path: local.path)
            }
            if isDirectory.boolValue {
                files[remote] = try tree(local)
            } else {
                guard let bytes = FileManager.default.contents(atPath: local.path) else { throw NetworkFixturesError.unreadable(local.path) }
                // BuildKit names a download after the URL's last path element and gives it mode 0600.
                let path = remote.split(separator: "?").first.map(String.init) ?? remote
                let name = path.split(separator: "/").last.map(String.init) ?? "download"
                files[remote] = [InlineFile(path: "/" + name, content: [UInt8](bytes), mode: 0o600)]
            }
        }
        return NetworkFixtures(files: files)
    }

    private static func tree(_ directory: URL) throws -> [InlineFile] {
        var files: [InlineFile] = []
        let base = directory.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String { paths.append(relative) }
        for relative in paths.sorted() where !relative.hasPrefix(".git/") && relative != ".git" {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let bytes = FileManager.default.contents(atPath: path)
            else { continue }
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644
            files.append(InlineFile(path: "/" + relative, content: [UInt8](bytes), mode: mode & 0o7777))
        }
        return files
    }
}

public enum NetworkFixturesError: Error, CustomStringConvertible {
    case unreadable(String)
    case malformed(String)
    case missingFile(url: String, path: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read network fixtures \(path)"
        case .malformed(let path): "\(path): expected a JSON object mapping URLs to file or directory paths"
        case .missingFile(let url, let path): "network fixture for \(url): \(path) does not exist"
        }
    }
}
