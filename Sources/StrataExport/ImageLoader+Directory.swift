import Foundation
import StrataOCI

extension ImageLoader {
    /// Loads an unpacked OCI image layout directory (`oci-layout`, `index.json`, `blobs/`), as
    /// `skopeo copy … oci:DIR` or BuildKit's `--output type=oci,tar=false` write it. The directory
    /// is streamed into a temporary tar (file by file, in chunks) and loaded like an archive.
    public func load(layoutDirectory directory: URL, name: ImageReference? = nil) throws -> [LoadedImage] {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("strata-layout-\(UUID().uuidString).tar")
        defer { try? FileManager.default.removeItem(at: temporary) }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw ExportError.notAnImageArchive(archive: directory.path)
        }
        let handle = try FileHandle(forWritingTo: temporary)
        var tar = TarStream(handle: handle)
        let base = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else {
            throw ExportError.notAnImageArchive(archive: directory.path)
        }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String { paths.append(relative) }
        for relative in paths.sorted() {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try tar.directory(relative)
                continue
            }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard let input = FileHandle(forReadingAtPath: path) else { throw ExportError.missingEntry(archive: directory.path, entry: relative) }
            defer { try? input.close() }
            try tar.file(relative, size: size) { emit in
                while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try emit([UInt8](chunk)) }
            }
        }
        try tar.finish()
        try handle.close()
        return try load(archive: temporary, name: name)
    }
}
