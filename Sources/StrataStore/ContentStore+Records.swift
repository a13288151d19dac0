import Foundation

extension ContentStore {
    /// The bytes of the named record, or nil when there is none.
    public func readRecord(_ name: String) throws -> Data? {
        try readRecordBytes(name).map { Data($0) }
    }

    /// The bytes of the named record, or nil when there is none: one `open` and `read`s, for
    /// readers that look up many records (a cached build reads one per step).
    public func readRecordBytes(_ name: String) throws -> [UInt8]? {
        let path = try recordPath(name)
        let fd = path.withCString { open($0, O_RDONLY) }
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw FileIO.error("open", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileIO.error("stat", path) }
        // Sized by `fstat`, plus one byte to see the end in the same read; a record that grew
        // meanwhile (replaced by rename, so not this file) is read on in further chunks.
        var bytes: [UInt8] = []
        var chunk = Int(info.st_size) + 1
        while true {
            let part = try FileIO.read(fd, upTo: chunk, path: path)
            if part.isEmpty { return bytes }
            bytes += part
            chunk = 1 << 16
        }
    }

    /// Replaces the named record atomically: readers see the old or the new bytes, never a mix.
    /// A durable record is fsynced before it replaces the old one; after a crash the record
    /// holds either version, complete (the directory is not synced, see `writeAtomically`).
    /// With `durable: false` (a record that can be recomputed, like a cache record) it is not
    /// fsynced, and after a crash may be torn: its readers must treat undecodable bytes as absent.
    public func writeRecord(_ name: String, _ data: Data, durable: Bool = true) throws {
        try writeAtomically(to: try recordPath(name), durable: durable, syncingDirectory: false) { fd, path in
            try data.withUnsafeBytes { raw in try FileIO.writeAll(fd, raw, path: path) }
        }
    }

    /// Deletes the named record; deleting a missing record is not an error.
    public func removeRecord(_ name: String) throws {
        let path = try recordPath(name)
        guard unlink(path) == 0 || errno == ENOENT else { throw FileIO.error("remove", path) }
    }

    /// Record names are a single path component, so a name can never leave the record area.
    func recordPath(_ name: String) throws -> String {
        let allowed = name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
        guard !name.isEmpty, allowed, !name.hasPrefix(".") else { throw StoreError.invalidRecordName(name) }
        return recordPathPrefix + name
    }
}
