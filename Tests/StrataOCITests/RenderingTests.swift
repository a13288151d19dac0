import Foundation
import StrataStore
import StrataSupport
import Testing

@testable import StrataOCI

@Suite struct RenderingTests {
    @Test(arguments: [
        (0, "0B"), (8, "8B"), (512, "512B"), (999, "999B"), (1000, "1kB"), (1024, "1.02kB"), (2560, "2.56kB"),
        (18432, "18.4kB"), (4_261_552, "4.26MB"), (1_980_000, "1.98MB"), (12_345_678_901, "12.3GB"),
    ])
    func sizesPrintLikeDockerUnits(bytes: Int, expected: String) {
        #expect(HumanUnits.size(bytes) == expected)
    }

    @Test(arguments: [
        (0.5, "Less than a second"), (1, "1 second"), (59, "59 seconds"), (60, "About a minute"), (119, "About a minute"),
        (240, "4 minutes"), (3599, "59 minutes"), (3600, "About an hour"), (7200, "2 hours"), (86400 * 3, "3 days"),
        (86400 * 20, "2 weeks"), (86400 * 100, "3 months"), (86400 * 365 * 3, "3 years"),
    ] as [(Double, String)])
    func durationsPrintLikeDockerUnits(seconds: Double, expected: String) {
        #expect(HumanUnits.duration(seconds) == expected)
    }

    @Test func nanosecondTimestampsParse() throws {
        let date = try #require(HumanUnits.parseTimestamp("2026-11-24T03:31:57.546889404Z"))
        let whole = try #require(HumanUnits.parseTimestamp("2026-11-24T03:31:57Z"))
        #expect(abs(date.timeIntervalSince(whole) - 0.546889404) < 0.001)
        #expect(HumanUnits.parseTimestamp("yesterday") == nil)
    }

    @Test func historyMatchesDockerHistoryOfTheSameImage() throws {
        let config = try JSONDecoder().decode(ImageConfig.self, from: Fixture.data("two-config.json"))
        let id = try Digest(parsing: "sha256:a1ee46dafdf589131a756948a7560bcce1d0bcd1e22bd4a6c21b72da7a628964")
        let now = try #require(HumanUnits.parseTimestamp("2026-11-24T03:36:30Z"))
        // docker history shows content sizes: 4 bytes, an empty WORKDIR layer, 8 bytes.
        let history = ImageHistory(config: config, id: id, layerSizes: [4, 0, 8])
        let expected = String(decoding: try Fixture.data("two-history.txt"), as: UTF8.self)
        #expect(history.render(now: now) == expected)
    }

    @Test func noTruncHistoryOfAnImportedImageMatchesDocker() throws {
        let config = try JSONDecoder().decode(ImageConfig.self, from: Fixture.data("tiny-config.json"))
        let id = try Digest(parsing: ImageLoaderTests.tinyConfig)
        let now = try #require(HumanUnits.parseTimestamp("2026-11-24T03:36:30Z"))
        // `docker history --no-trunc strata-fixture/tiny:1`, sizes as docker counts them.
        let expected = """
            IMAGE                                                                     CREATED         CREATED BY   SIZE      COMMENT
            sha256:a049720a003efd851fefdb4799bb19462b991212256fd0b9bc7d271415eebfe3   4 minutes ago                48B       tiny rootfs

            """
        #expect(ImageHistory(config: config, id: id, layerSizes: [48]).render(truncate: false, now: now) == expected)
    }

    @Test func historyTruncatesCreatedByAndNoTruncShowsFullIDs() throws {
        let long = "RUN " + String(repeating: "x", count: 60)
        let config = ImageConfig(rootfs: RootFS(diffIDs: [Digest.of(text: "l")]), history: [History(created: "2026-01-01T00:00:00Z", createdBy: long)])
        let id = Digest.of(text: "config")
        let now = try #require(HumanUnits.parseTimestamp("2026-01-01T00:00:30Z"))
        let short = ImageHistory(config: config, id: id, layerSizes: [1024]).render(now: now)
        #expect(short.contains(String(long.prefix(44)) + "…"))
        #expect(short.contains(id.short + "   30 seconds ago"))
        let full = ImageHistory(config: config, id: id, layerSizes: [1024]).render(truncate: false, now: now)
        #expect(full.contains(long))
        #expect(full.contains(id.description))
        #expect(full.contains("1.02kB"))
    }

    @Test func imagesListingShowsRepositoryTagAndShortID() throws {
        let now = try #require(HumanUnits.parseTimestamp("2026-01-02T00:00:00Z"))
        let old = ImageRecord(name: "localhost:5000/x/y:t", manifest: Digest.of(text: "m1"), config: Digest.of(text: "c1"))
        let new = ImageRecord(name: "busybox:latest", manifest: Digest.of(text: "m2"), config: Digest.of(text: "c2"))
        let listing = ImageListing(entries: [
            .init(record: old, created: "2025-01-01T00:00:00Z", size: 2560),
            .init(record: new, created: "2026-01-01T23:00:00Z", size: 4_261_552),
        ])
        let expected = """
            REPOSITORY           TAG       IMAGE ID       CREATED             SIZE
            busybox              latest    \(new.shortID)   About an hour ago   4.26MB
            localhost:5000/x/y   t         \(old.shortID)   12 months ago       2.56kB

            """
        #expect(listing.render(now: now) == expected)
    }
}
