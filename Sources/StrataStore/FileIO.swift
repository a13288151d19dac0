import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the POSIX calls the store needs, turning `errno` into `StoreError`.
///
/// Foundation's `Data.write(options: .atomic)` does not fsync, and a store shared by several
/// processes needs the file to be durable before its name appears.
enum FileIO {
    static func error(_ operation: String, _ path: String) -> StoreError {
        .io(operation: operation, path: path, message: String(cString: strerror(errno)))
    }

    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(StoreError) -> Int32 {
        let fd = path.withCString { posixOpen($0, flags, mode) }
        guard fd >= 0 else { throw error("open", path) }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StoreError) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = write(fd, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw error("write", path)
            }
            left -= written
            base += written
        }
    }

    /// Up to `count` bytes; empty at the end of the file.
    static func read(_ fd: Int32, upTo count: Int, path: String) throws(StoreError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let got = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw error("read", path)
            }
            buffer.removeLast(count - got)
            return buffer
        }
    }

    static func fsync(_ fd: Int32, path: String) throws(StoreError) {
        guard Foundation.fsync(fd) == 0 else { throw error("fsync", path) }
    }

    static func rename(_ from: String, _ to: String) throws(StoreError) {
        guard Foundation.rename(from, to) == 0 else { throw error("rename", from) }
    }

    /// Makes a rename durable by syncing the directory that holds the new name.
    static func syncDirectory(_ path: String) {
        let fd = path.withCString { posixOpen($0, O_RDONLY) }
        guard fd >= 0 else { return }
        _ = Foundation.fsync(fd)
        close(fd)
    }

    static func makeDirectories(_ path: String) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(operation: "create directory", path: path, message: "\(error)")
        }
    }
}

/// `open(2)` is variadic in C; these give Swift a fixed signature.
private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
    open(path, flags)
}
