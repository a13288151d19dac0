import Foundation
import StrataFS
import StrataFrontend

/// Reads a build context directory into a snapshot, leaving out what `.dockerignore` excludes.
///
/// Like docker's client, ownership is reset to root (0:0); unlike it, mtimes are set to the
/// build's epoch so that the same context gives the same layers on any machine.
enum ContextLoader {
    static func load(_ directory: URL, ignore: DockerIgnore, store: any BlobStore, epoch: Int) throws -> Snapshot {
        var fs = Snapshot.empty(store: store, rootMetadata: FileMetadata(mode: 0o755, mtime: epoch)).mutable(time: epoch)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError.contextNotFound(directory.path)
        }
        try walk(directory, relative: "", into: &fs, ignore: ignore, epoch: epoch)
        return fs.commit()
    }

    private static func walk(_ directory: URL, relative: String, into fs: inout MutableSnapshot, ignore: DockerIgnore, epoch: Int) throws {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: directory.path).sorted()
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let url = directory.appendingPathComponent(name)
            let attributes = try manager.attributesOfItem(atPath: url.path)
            let type = attributes[.type] as? FileAttributeType
            let mode = UInt32((attributes[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644) & 0o7777
            let excluded = ignore.excludes(path)
            switch type {
            case .typeDirectory?:
                if excluded && !ignore.mayReinclude(below: path) { continue }
                if !excluded { try fs.mkdir("/" + path, mode: mode, parents: true) }
                try walk(url, relative: path, into: &fs, ignore: ignore, epoch: epoch)
                if !excluded { try fs.utime("/" + path, mtime: epoch) }
            case .typeSymbolicLink?:
                if excluded { continue }
                try ensureParent(path, in: &fs)
                try fs.symlink(try manager.destinationOfSymbolicLink(atPath: url.path), at: "/" + path)
            case .typeRegular?:
                if excluded { continue }
                try ensureParent(path, in: &fs)
                guard let data = manager.contents(atPath: url.path) else { throw BuildError.unreadableContext(url.path) }
                try fs.writeFile("/" + path, [UInt8](data), mode: mode)
            default:
                continue
            }
        }
    }

    private static func ensureParent(_ path: String, in fs: inout MutableSnapshot) throws {
        let parts = path.split(separator: "/")
        guard parts.count > 1 else { return }
        let parent = "/" + parts.dropLast().joined(separator: "/")
        if !fs.exists(parent) { try fs.mkdir(parent, mode: 0o755, parents: true) }
    }
}
