import Foundation
import Testing

@testable import StrataStore

@Suite struct StoreLockTests {
    @Test func exclusiveExcludesEveryoneAndSharedAdmitsReaders() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let file = temp.store.lockFile
        do {
            let reader = try StoreLock(file: file, mode: .shared)
            #expect(try StoreLock.attempt(file: file, mode: .shared) != nil)
            #expect(try StoreLock.attempt(file: file, mode: .exclusive) == nil)
            withExtendedLifetime(reader) {}
        }
        do {
            let writer = try StoreLock(file: file, mode: .exclusive)
            #expect(try StoreLock.attempt(file: file, mode: .shared) == nil)
            #expect(try StoreLock.attempt(file: file, mode: .exclusive) == nil)
            withExtendedLifetime(writer) {}
        }
        #expect(try StoreLock.attempt(file: file, mode: .exclusive) != nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func lockHeldByAnotherProcessIsRespected() throws {
        let temp = try TemporaryStore()
        defer { temp.cleanup() }
        let file = temp.store.lockFile
        let ready = temp.root.appendingPathComponent("ready")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = ["--exclusive", file.path, "/bin/sh", "-c", "touch '\(ready.path)'; sleep 2"]
        try process.run()
        defer { process.waitUntilExit() }
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: ready.path) && Date() < deadline { usleep(20_000) }
        let started = Date()
        #expect(try StoreLock.attempt(file: file, mode: .shared) == nil)
        // Blocking waits until the other process lets go (after its 2-second sleep).
        let lock = try StoreLock(file: file, mode: .exclusive)
        #expect(Date().timeIntervalSince(started) > 1.5)
        withExtendedLifetime(lock) {}
    }
}
