import Foundation
import StrataArchive

extension ImageAuditor {
    /// Scans regular files under `root` on disk (not an image) with the same scanners,
    /// reporting `file` findings whose paths have no leading slash. Symlinks are not
    /// followed; files that cannot be opened are skipped and counted in `unreadable`.
    public func scanFiles(under root: String) throws -> FileScanResult {
        var collector = FindingCollector(limit: limits.maxFindings)
        var files = 0
        var bytes = 0
        var unreadable = 0
        let base = URL(fileURLWithPath: root).standardizedFileURL
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys, options: [], errorHandler: { _, _ in true }) else {
            throw VerifyError.unreadable(root)
        }
        var isDirectory: ObjCBool = false
        let urls: [URL]
        if FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            urls = [base]
        } else {
            urls = walker.compactMap { $0 as? URL }
        }
        for url in urls {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            let full = url.standardizedFileURL.path
            let path = String(full.drop { $0 == "/" })
            guard var source = try? FileSource(path: full) else {
                unreadable += 1
                continue
            }
            let size = values.fileSize ?? 0
            let template = Finding(secret: "", severity: .leak, place: .file, path: redactor.redact(path), encoding: "raw", length: 0)
            do {
                try scanContents(size: size, path: path, template: template, into: &collector) { body in
                    while true {
                        let chunk = try source.read(upTo: 1 << 20)
                        if chunk.isEmpty { return }
                        try body(chunk)
                    }
                }
                files += 1
                bytes += size
            } catch {
                unreadable += 1
            }
        }
        return FileScanResult(
            findings: collector.findings.map(\.finding).sorted(by: AuditReport.order), files: files, bytes: bytes, unreadable: unreadable)
    }
}
