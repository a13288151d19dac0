import Foundation
import StrataArchive
import Testing
@testable import StrataFS

/// BUILDKIT-DIFFER.md as a golden file: for every case recorded there, Strata's layer lists
/// the same entries (type, permissions, size, path, link) in the same order. Times are not
/// compared (BuildKit's are wall-clock); the `dev/ proc/ sys/` artefact is left out.
@Suite struct RecordedListingTests {
    static let notePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BUILDKIT-DIFFER.md").path

    /// Case name → `tar -tv` lines reduced to "mode uid/gid size path[ -> target]".
    static func recorded() throws -> [String: [String]] {
        let text = try String(contentsOfFile: notePath, encoding: .utf8)
        var cases: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("=== ") { let name = String(line.dropFirst(4)); current = name; cases[name] = []; continue }
            guard let name = current, let first = line.first, "d-lh".contains(first) else { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 6 else { continue }
            let rest = fields[5...].joined(separator: " ").replacingOccurrences(of: " link to ", with: " -> ")
            if ["dev/", "proc/", "sys/"].contains(rest) { continue }
            cases[name, default: []].append("\(fields[0]) \(fields[1]) \(fields[2]) \(rest)")
        }
        return cases
    }

    static func symbolic(_ header: TarHeader) -> String {
        let type: Character = switch header.kind {
        case .directory: "d"
        case .symlink: "l"
        case .hardlink: "h"
        default: "-"
        }
        var out = String(type)
        let mode = header.mode
        for (shift, special, mark) in [(6, UInt32(0o4000), "s"), (3, UInt32(0o2000), "s"), (0, UInt32(0o1000), "t")] {
            let bits = (mode >> UInt32(shift)) & 7
            out += bits & 4 != 0 ? "r" : "-"
            out += bits & 2 != 0 ? "w" : "-"
            if mode & special != 0 { out += bits & 1 != 0 ? mark : mark.uppercased() } else { out += bits & 1 != 0 ? "x" : "-" }
        }
        return out
    }

    @Test func everyRecordedCaseIsReproduced() throws {
        let recorded = try Self.recorded()
        #expect(recorded.count == BuildKitDifferTests.cases.count)
        for (name, edit, _) in BuildKitDifferTests.cases {
            let expected = try #require(recorded[name], "case \(name) is not in BUILDKIT-DIFFER.md")
            let base = try LayerFixtures.base()
            var m = base.mutable(time: LayerFixtures.stepTime)
            try edit(&m)
            let entries = LayerDiff(from: base, to: m.commit()).entries
            let ours = entries.map { entry in
                let h = entry.header
                let target = h.linkTarget.isEmpty ? "" : " -> \(h.linkTarget)"
                return "\(Self.symbolic(h)) \(h.uid)/\(h.gid) \(h.kind == .file ? h.size : 0) \(h.path)\(target)"
            }
            #expect(ours == expected, "case \(name)")
        }
    }
}
