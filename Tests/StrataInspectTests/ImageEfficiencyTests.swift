import Testing

@testable import StrataInspect

/// dive's efficiency rules on small layer sets, each worked out by hand from dive's
/// `filetree.Efficiency` (the recorded comparison with real dive is in StrataTests).
@Suite struct ImageEfficiencyTests {
    typealias Entry = (path: String, size: Int64, isDirectory: Bool)

    static let base: [Entry] = [("bin", 0, true), ("bin/sh", 1000, false), ("etc", 0, true), ("etc/passwd", 100, false)]

    @Test func anOverwrittenFileWastesEveryCopy() {
        let efficiency = ImageEfficiency(layers: [Self.base, [("etc", 0, true), ("etc/passwd", 40, false)]])
        #expect(efficiency.inefficiencies == [.init(path: "/etc/passwd", count: 2, wastedBytes: 140)])
        #expect(efficiency.wastedBytes == 140)
        // Smallest sizes 1000 + 40 over all sizes 1000 + 140; empty directories count 0.
        #expect(efficiency.score == 1040.0 / 1140.0)
        #expect(efficiency.sizeBytes == 1140)
        #expect(efficiency.userSizeBytes == 40)
        #expect(efficiency.userWastedRatio == 140.0 / 40.0)
    }

    @Test func aRemovedFileCountsItsSizeOnceAndTheWhiteoutNothing() {
        let efficiency = ImageEfficiency(layers: [Self.base, [("etc", 0, true), ("etc/.wh.passwd", 0, false)]])
        #expect(efficiency.inefficiencies == [.init(path: "/etc/passwd", count: 2, wastedBytes: 100)])
        #expect(efficiency.score == 1000.0 / 1100.0)
        #expect(efficiency.userSizeBytes == 0)
        #expect(efficiency.userWastedRatio.isInfinite)
    }

    /// A removed directory's whiteout weighs what was below it; its files are not listed.
    @Test func aRemovedDirectoryWeighsItsContents() {
        let efficiency = ImageEfficiency(layers: [Self.base + [("data", 0, true), ("data/a", 30, false), ("data/b", 20, false)], [(".wh.data", 0, false)]])
        #expect(efficiency.inefficiencies == [])
        #expect(efficiency.wastedBytes == 0)
        // dive's map: /data holds the whiteout's 50 (min 50); /data/a and /data/b their own.
        #expect(efficiency.score == 1.0)
    }

    @Test func opaqueMarkersAreIgnoredAndTheLargestWasteComesFirst() {
        let efficiency = ImageEfficiency(layers: [
            Self.base, [("bin", 0, true), ("bin/sh", 900, false), ("etc", 0, true), ("etc/.wh..wh..opq", 0, false), ("etc/passwd", 10, false)],
        ])
        #expect(efficiency.inefficiencies.map(\.path) == ["/bin/sh", "/etc/passwd"])
        #expect(efficiency.inefficiencies.map(\.wastedBytes) == [1900, 110])
    }

    @Test func pathsAreCleanedAsGoCleansThem() {
        #expect(ImageEfficiency.clean("./etc/passwd") == "etc/passwd")
        #expect(ImageEfficiency.clean("etc/") == "etc")
        #expect(ImageEfficiency.clean("./") == ".")
        #expect(ImageEfficiency.clean("a//b/../c") == "a/c")
    }

    @Test(arguments: [(0, "0 B"), (9, "9 B"), (38, "38 B"), (999, "999 B"), (1000, "1.0 kB"), (1234, "1.2 kB"), (12_345, "12 kB"), (1_981_234, "2.0 MB")])
    func bytesReadAsGoHumanizeWritesThem(count: Int64, text: String) {
        #expect(GoFormat.bytes(count) == text)
    }

    /// Go's `%v` of a float64, as dive's rule messages print ratios.
    @Test(arguments: [
        (0.926829268292683, "0.926829268292683"), (1, "1"), (3.5, "3.5"), (0.1, "0.1"), (0.0001, "0.0001"), (0.00001, "1e-05"),
        (123456, "123456"), (1e6, "1e+06"), (1234567, "1.234567e+06"), (2.5e21, "2.5e+21"), (Double.infinity, "+Inf"),
    ])
    func ratiosReadAsGoPrintsThem(value: Double, text: String) {
        #expect(GoFormat.value(value) == text)
    }

    @Test func defaultRulesFailOnWasteAsDiveDoes() {
        let efficiency = ImageEfficiency(layers: [Self.base, [("etc", 0, true), ("etc/passwd", 40, false)]])
        let results = EfficiencyRules().evaluate(efficiency)
        #expect(results.map(\.rule) == ["highestUserWastedPercent", "highestWastedBytes", "lowestEfficiency"])
        #expect(results.map(\.status) == [.fail, .skip, .pass])
        #expect(results[0].message == "too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=3.5 > threshold=0.1)")
    }
}
