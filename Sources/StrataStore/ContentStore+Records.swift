import Foundation

extension ContentStore {
    /// The bytes of the named record, or nil when there is none.
    public func readRecord(_ name: String) throws -> Data? {
        let url = try recordURL(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do { return try Data(contentsOf: url) } catch {
            throw StoreError.io(operation: "read", path: url.path, message: "\(error)")
        }
    }

    /// Replaces the named record atomically: readers see the old or the new bytes, never a mix.
    /// A durable record is fsynced before it replaces the old one; after a crash the record
    /// holds either version, complete (the directory is not synced, see `writeAtomically`).
    /// With `durable: false` (a record that can be recomputed, like a cache record) it is not
    /// fsynced, and after a crash may be torn: its readers must treat undecodable bytes as absent.
    public func writeRecord(_ name: String, _ data: Data, durable: Bool = true) throws {
        let url = try recordURL(name)
        try writeAtomically(to: url, durable: durable, syncingDirectory: false) { fd, path in
            try data.withUnsafeBytes { raw in try FileIO.writeAll(fd, raw, path: path) }
        }
    }

    /// Deletes the named record; deleting a missing record is not an error.
    public func removeRecord(_ name: String) throws {
        let url = try recordURL(name)
        guard unlink(url.path) == 0 || errno == ENOENT else { throw FileIO.error("remove", url.path) }
    }

    /// Record names are a single path component, so a name can never leave the record area.
    func recordURL(_ name: String) throws -> URL {
        let allowed = name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
        guard !name.isEmpty, allowed, !name.hasPrefix(".") else { throw StoreError.invalidRecordName(name) }
        return recordDirectory.appendingPathComponent(name)
    }
}
