import Foundation
@testable import StrataArchive

/// Helpers that build archives with real tools (GNU tar, Python's tarfile) in temp directories.
enum ArchiveFixtures {
    /// A fresh temp directory; the caller removes it with `defer`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a tool and returns its standard output; throws when it exits non-zero.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError.toolFailed(executable, arguments) }
        return data
    }

    enum FixtureError: Error { case toolFailed(String, [String]) }

    /// Every entry of an archive with its contents.
    static func entries(_ bytes: [UInt8]) throws -> [(TarHeader, [UInt8])] {
        var reader = TarReader(BufferSource(bytes))
        var out: [(TarHeader, [UInt8])] = []
        while let header = try reader.next() {
            out.append((header, try reader.readContents()))
        }
        return out
    }

    /// A raw 512-byte ustar header with a valid checksum, for hostile-input tests.
    static func rawHeader(name: String, size: String = "00000000000", flag: UInt8 = UInt8(ascii: "0")) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, _ offset: Int) { for (i, b) in text.utf8.enumerated() { block[offset + i] = b } }
        put(name, 0)
        put("0000644", 100)
        put("0000000", 108)
        put("0000000", 116)
        put(size, 124)
        put("00000000000", 136)
        block[156] = flag
        put("ustar\u{0}00", 257)
        fixChecksum(&block)
        return block
    }

    /// `value` as the 11 octal digits of a ustar size field.
    static func octal11(_ value: Int) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 11 - digits.count)) + digits
    }

    static func fixChecksum(_ block: inout [UInt8]) {
        for i in 148..<156 { block[i] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        for (i, b) in padded.utf8.enumerated() { block[148 + i] = b }
        block[154] = 0
    }
}
