import Foundation
import StrataArchive
import StrataOCI
import StrataStore
import StrataSupport

/// Images Strata carries inside itself, so a first `FROM busybox` needs no download and no files.
///
/// The busybox image imitates the official `busybox:1.35` image: its directory layout, the
/// applets as symlinks to `/bin/busybox` (from a list captured once, never by running busybox),
/// `/etc/passwd` and `/etc/group` with the usual system accounts, `PATH` and `CMD ["sh"]`.
/// `/bin/busybox` is a placeholder: Strata simulates the applets, it never executes them. Every
/// byte is fixed (sorted entries, mtime 0, an uncompressed layer), so the image has the same
/// digests on every machine and in every Strata version that keeps this file unchanged.
public enum BuiltinImages {
    /// The name the built-in busybox is installed under.
    public static let busyboxName = "busybox:latest"

    /// The parts of a built-in image: one layer and its config, ready to store.
    public struct Image: Sendable, Equatable {
        /// The uncompressed layer tar.
        public var layer: [UInt8]
        public var config: ImageConfig
    }

    /// When the image claims to be made: the BusyBox 1.35.0 release date, fixed for determinism.
    static let created = "2021-12-26T00:00:00Z"

    public static func busybox() -> Image {
        let layer = busyboxLayer()
        let config = ImageConfig(
            architecture: "amd64", os: "linux", created: created,
            config: ContainerConfig(env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], cmd: ["sh"]),
            rootfs: RootFS(diffIDs: [Digest.of(layer)]),
            history: [
                History(created: created, createdBy: "ADD busybox-1.35.0-rootfs.tar / # strata built-in", comment: "strata built-in busybox image"),
                History(created: created, createdBy: "CMD [\"sh\"]", comment: "strata built-in busybox image", emptyLayer: true),
            ])
        return Image(layer: layer, config: config)
    }

    /// Stores the busybox image and tags it `busybox:latest`, unless an image of that name is
    /// already in the index (a loaded real busybox wins). Returns the new record, or nil when
    /// nothing was installed.
    @discardableResult
    public static func installBusybox(into store: ContentStore) throws -> ImageRecord? {
        let index = ImageIndexStore(store: store)
        let reference = try ImageReference(parsing: busyboxName)
        if try index.lookup(reference) != nil { return nil }
        let image = busybox()
        let layer = try LayerBlobs.put(tar: image.layer, in: store)
        let stored = try store.putImage(config: image.config, layers: [layer.descriptor])
        return try index.tag(reference, manifest: stored.manifest.digest, config: stored.config.digest)
    }

    // MARK: - The rootfs

    static let directories: [(String, UInt32)] = [
        ("bin", 0o755), ("dev", 0o755), ("etc", 0o755), ("home", 0o755), ("proc", 0o755), ("root", 0o700),
        ("sbin", 0o755), ("sys", 0o755), ("tmp", 0o1777), ("usr", 0o755), ("usr/bin", 0o755), ("usr/sbin", 0o755),
        ("var", 0o755), ("var/spool", 0o755), ("var/spool/mail", 0o755), ("var/www", 0o755),
    ]

    static let passwd = """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/bin/false
        bin:x:2:2:bin:/bin:/bin/false
        sys:x:3:3:sys:/dev:/bin/false
        sync:x:4:100:sync:/bin:/bin/sync
        mail:x:8:8:mail:/var/spool/mail:/bin/false
        www-data:x:33:33:www-data:/var/www:/bin/false
        operator:x:37:37:Operator:/var:/bin/false
        nobody:x:65534:65534:nobody:/home:/bin/false

        """

    static let group = """
        root:x:0:
        daemon:x:1:
        bin:x:2:
        sys:x:3:
        adm:x:4:
        tty:x:5:
        disk:x:6:
        lp:x:7:
        mail:x:8:
        kmem:x:9:
        wheel:x:10:root
        cdrom:x:11:
        dialout:x:18:
        floppy:x:19:
        video:x:28:
        audio:x:29:
        tape:x:32:
        www-data:x:33:
        operator:x:37:
        utmp:x:43:
        plugdev:x:46:
        staff:x:50:
        lock:x:54:
        netdev:x:82:
        users:x:100:
        nogroup:x:65534:

        """

    static let placeholder = """
        #!/bin/sh
        # Strata's built-in busybox image: a placeholder for the BusyBox 1.35.0 binary.
        # Strata simulates busybox's applets; this file is never executed.

        """

    /// The layer: entries sorted by path, all owned by root, mtime 0.
    static func busyboxLayer() -> [UInt8] {
        var entries: [(TarHeader, [UInt8])] = []
        for (path, mode) in directories {
            entries.append((TarHeader(path: path + "/", kind: .directory, mode: mode), []))
        }
        entries.append((TarHeader(path: "bin/busybox", kind: .file, mode: 0o755), Array(placeholder.utf8)))
        entries.append((TarHeader(path: "etc/passwd", kind: .file, mode: 0o644), Array(passwd.utf8)))
        entries.append((TarHeader(path: "etc/group", kind: .file, mode: 0o644), Array(group.utf8)))
        for applet in BusyboxApplets.paths {
            entries.append((TarHeader(path: applet, kind: .symlink, mode: 0o777, linkTarget: "/bin/busybox"), []))
        }
        entries.sort { $0.0.path < $1.0.path }
        var writer = TarWriter()
        for (header, contents) in entries { writer.append(header, contents: contents) }
        return writer.finish()
    }
}
