import Foundation
import StrataSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Snapshot {
    /// A snapshot of the directory tree at `path` on the host: files, directories, symlinks
    /// and hard links (names sharing an inode), with mode, owner and mtime (seconds). The
    /// directory itself becomes `/`. Devices, FIFOs and sockets are skipped; xattrs are not read.
    public static func fromDirectory(_ path: String, store: any BlobStore) throws(FSError) -> Snapshot {
        let rootStat = try HostFS.info(path)
        guard rootStat.isDirectory else { throw .notDirectory(path) }
        var m = Snapshot.empty(store: store, rootMetadata: rootStat.metadata).mutable(time: rootStat.metadata.mtime)
        var seenInodes: [HostFS.InodeKey: String] = [:]
        var directories: [(String, FileMetadata)] = []
        func visit(_ hostDirectory: String, _ inner: String) throws(FSError) {
            for name in try HostFS.list(hostDirectory) {
                let host = hostDirectory + "/" + name
                let target = inner + "/" + name
                let info = try HostFS.info(host)
                if info.isDirectory {
                    try m.mkdir(target)
                    directories.append((target, info.metadata))
                    try visit(host, target)
                } else if info.isSymlink {
                    try m.symlink(try HostFS.linkTarget(host), at: target)
                    try m.setMetadata(target, info.metadata)
                } else if info.isRegular {
                    if info.linkCount > 1, let first = seenInodes[info.inode] {
                        try m.hardlink(first, at: target)
                        continue
                    }
                    if info.linkCount > 1 { seenInodes[info.inode] = target }
                    try m.writeFile(target, try HostFS.read(host))
                    try m.setMetadata(target, info.metadata)
                }
            }
        }
        try visit(path, "")
        // Directory times last: adding children touched them.
        for (directory, metadata) in directories { try m.setMetadata(directory, metadata) }
        m.root = m.root.with(metadata: rootStat.metadata)
        return m.commit()
    }

    /// Writes the tree into the directory at `path` (created if missing; it must be empty):
    /// contents, symlinks, hard links, modes and mtimes; owners only where the process may
    /// set them. Directory modes and times are set last, deepest first.
    public func writeDirectory(to path: String) throws(FSError) {
        try HostFS.makeEmptyDirectory(path)
        var firstName: [UInt64: String] = [:]
        var directories: [(String, FileMetadata)] = []
        for entry in entries() {
            let host = path + entry.path
            switch entry.kind {
            case .directory:
                try HostFS.makeDirectory(host)
                directories.append((host, entry.metadata))
                continue
            case .symlink:
                try HostFS.makeSymlink(entry.linkTarget ?? "", at: host)
            case .fifo:
                try HostFS.makeFifo(at: host)
            case .file:
                if let group = entry.hardlinkGroup, let first = firstName[group] {
                    try HostFS.makeLink(path + first, at: host)
                    continue
                }
                if let group = entry.hardlinkGroup { firstName[group] = entry.path }
                try HostFS.write(try readFile(entry.path), to: host)
            }
            try HostFS.apply(entry.metadata, to: host, isSymlink: entry.kind == .symlink)
        }
        for (host, metadata) in directories.reversed() { try HostFS.apply(metadata, to: host, isSymlink: false) }
        try HostFS.apply(rootMetadata, to: path, isSymlink: false)
    }
}
