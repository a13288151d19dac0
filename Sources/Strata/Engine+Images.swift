import Foundation
import StrataExport
import StrataOCI
import StrataStore
import StrataSupport

/// Image management, named and behaving like docker's commands.
extension Engine {
    /// `strata load`: a docker-archive or OCI layout tar into the store; returns the names loaded.
    /// Each image's rootfs is unpacked into the store as well, so that its first build starts
    /// from the kept tree (a failure there only means the first build unpacks it instead).
    public func load(archive: URL) throws -> [String] {
        try ImageLoader(store: store).load(archive: archive).map { image in
            try? prepareRootfs("sha256:" + image.config.hex)
            return image.names.isEmpty ? "sha256:" + image.config.hex : image.names.joined(separator: ", ")
        }
    }

    public enum ArchiveFormat: String, Sendable, CaseIterable {
        case docker, oci
    }

    /// `strata save`: images as a docker-archive (`docker load`, skopeo) or an OCI layout tar (umoci, skopeo).
    public func save(_ references: [String], format: ArchiveFormat, to destination: URL) throws {
        let records = try references.map { try images.resolve($0) }
        let saverFormat: ImageSaver.Format = format == .docker ? .dockerArchive : .ociArchive
        var saver = ImageSaver(store: store)
        saver.attestation = { [self] record in try self.attestationManifest(forConfig: record.config) }
        try saver.save(records, format: saverFormat, to: destination)
    }

    /// `strata images` as docker prints it.
    public func imageTable(truncate: Bool = true) throws -> String {
        try images.listing().render(truncate: truncate)
    }

    /// `strata history` as docker prints it.
    public func historyTable(_ reference: String, truncate: Bool = true) throws -> String {
        try images.history(of: try images.resolve(reference)).render(truncate: truncate)
    }

    /// `strata inspect`: the image config as stored, pretty-printed JSON.
    public func inspect(_ reference: String) throws -> String {
        let record = try images.resolve(reference)
        let config = try store.config(record.config)
        return String(decoding: try StableJSON.encode(config, pretty: true), as: UTF8.self) + "\n"
    }
}
