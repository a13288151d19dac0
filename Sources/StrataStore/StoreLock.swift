import Foundation

/// An advisory `flock(2)` lock on a file, so that several `strata` processes can share a store:
/// writers take it exclusively, readers shared.
///
/// flock locks belong to the open file description, so two threads of one process that each
/// take a `StoreLock` exclude each other as two processes would; it also means a thread that
/// holds the lock must not take it again (it would wait for itself). The lock is released when
/// the value is released.
public final class StoreLock: Sendable {
    public enum Mode: Sendable { case shared, exclusive }

    private let fd: Int32
    public let path: String

    /// Blocks until the lock on `file` is held in `mode`; creates the file if needed.
    public convenience init(file: URL, mode: Mode) throws {
        let fd = try FileIO.open(file.path, flags: O_RDWR | O_CREAT, mode: 0o644)
        while flock(fd, mode == .exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno == EINTR { continue }
            let error = FileIO.error("lock", file.path)
            close(fd)
            throw error
        }
        self.init(fd: fd, path: file.path)
    }

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// The lock if it can be had without waiting, nil when another holder is in the way, so a
    /// caller can say "waiting for the store lock" before blocking.
    public static func attempt(file: URL, mode: Mode) throws -> StoreLock? {
        let fd = try FileIO.open(file.path, flags: O_RDWR | O_CREAT, mode: 0o644)
        while flock(fd, (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let busy = errno == EWOULDBLOCK
            let error = FileIO.error("lock", file.path)
            close(fd)
            if busy { return nil }
            throw error
        }
        return StoreLock(fd: fd, path: file.path)
    }

    /// Runs `body` holding the lock on `file`.
    public static func with<T>(file: URL, mode: Mode, _ body: () throws -> T) throws -> T {
        let lock = try StoreLock(file: file, mode: mode)
        return try withExtendedLifetime(lock) { try body() }
    }
}

extension ContentStore {
    /// Runs `body` holding this store's lock in `mode`.
    public func withLock<T>(_ mode: StoreLock.Mode, _ body: () throws -> T) throws -> T {
        try StoreLock.with(file: lockFile, mode: mode, body)
    }
}
