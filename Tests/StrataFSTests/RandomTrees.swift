@testable import StrataSupport
import StrataFS


/// Random trees and random edits over them, for round-trip properties.
struct RandomTrees {
    var rng: SplitMix
    /// Whether edits may rename (moving unchanged hard-linked files breaks their link in a
    /// layer, in BuildKit too, so rename and base-tree hard links are not mixed).
    var allowRename: Bool
    var allowBaseHardlinks: Bool

    static let names = ["a", "b", "c", "dd", "e.txt", "sub", "x", String(repeating: "long", count: 30)]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
    mutating func randomBytes() -> [UInt8] { (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }

    func directories(_ m: MutableSnapshot) -> [String] {
        ["/"] + m.commit().entries().filter { $0.kind == .directory }.map(\.path)
    }

    func allPaths(_ m: MutableSnapshot) -> [String] { m.commit().entries().map(\.path) }

    mutating func childPath(_ m: MutableSnapshot) -> String {
        let dir = pick(directories(m))
        return (dir == "/" ? "" : dir) + "/" + pick(Self.names)
    }

    mutating func tree(store: MemoryBlobStore, time: Int) -> Snapshot {
        var m = Snapshot.empty(store: store, rootMetadata: FileMetadata(mode: 0o755, mtime: time)).mutable(time: time)
        for _ in 0..<(10 + Int(rng.next() % 25)) {
            let path = childPath(m)
            switch rng.next() % 10 {
            case 0...3: try? m.writeFile(path, randomBytes(), mode: pick([0o644, 0o755, 0o600, 0o4755]))
            case 4...6: try? m.mkdir(path, mode: pick([0o755, 0o700, 0o1777]))
            case 7: try? m.symlink(pick(["a", "/sub", "../x", "nowhere"]), at: path)
            default:
                if allowBaseHardlinks, let file = fileIn(m) { try? m.hardlink(file, at: path) }
            }
        }
        return m.commit()
    }

    func fileIn(_ m: MutableSnapshot) -> String? {
        m.commit().entries().first { $0.kind == .file }?.path
    }

    /// One random edit; failures (the path was not suitable) leave `m` as it was.
    mutating func edit(_ m: inout MutableSnapshot) {
        let paths = allPaths(m)
        guard !paths.isEmpty else { try? m.writeFile(childPath(m), randomBytes()); return }
        let existing = pick(paths)
        var attempt = m
        do {
            switch rng.next() % 12 {
            case 0, 1: try attempt.writeFile(childPath(attempt), randomBytes())
            case 2: try attempt.writeFile(existing, randomBytes())
            case 3: try attempt.mkdir(childPath(attempt), mode: pick([0o755, 0o711]))
            case 4: try attempt.remove(existing, recursive: true)
            case 5: try attempt.chmod(existing, pick([0o600, 0o755, 0o2755, 0o1777]))
            case 6: try attempt.chown(existing, uid: Int(rng.next() % 3), gid: Int(rng.next() % 3), followSymlinks: false)
            case 7:
                // A directory's new mtime alone is not in a layer (as in BuildKit); the
                // varying-time property covers directory times.
                guard try attempt.stat(existing, followSymlinks: false).kind != .directory else { return }
                try attempt.utime(existing, mtime: Int(rng.next() % 5) + 500, followSymlinks: false)
            case 8: try attempt.symlink(pick(["a", "/sub/b", "..", "x/y"]), at: childPath(attempt))
            case 9:
                // A new name for a file this step rewrites, so every name of it is in the layer.
                guard let file = attempt.commit().entries().filter({ $0.kind == .file }).map(\.path).randomElement(using: &rng) else { return }
                try attempt.writeFile(file, randomBytes() + [1])
                try attempt.hardlink(file, at: childPath(attempt))
            case 10: try attempt.setXattr(existing, name: pick(["user.a", "security.capability"]), value: chance(70) ? randomBytes() : nil, followSymlinks: false)
            default:
                guard allowRename else { return }
                try attempt.rename(existing, to: childPath(attempt))
            }
            // Layers never record `/` itself, so an edit that reaches it through a symlink
            // (chmod of a link to "..") cannot round-trip, in BuildKit either.
            var rootBefore = m.commit().rootMetadata
            var rootAfter = attempt.commit().rootMetadata
            rootBefore.mtime = 0
            rootAfter.mtime = 0
            guard rootBefore == rootAfter else { return }
            m = attempt
        } catch {}
    }
}
