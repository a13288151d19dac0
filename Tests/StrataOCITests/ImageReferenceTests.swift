import StrataSupport
import Testing

@testable import StrataOCI

@Suite struct ImageReferenceTests {
    static let hex = String(repeating: "ab", count: 32)

    @Test(arguments: [
        ("busybox", "docker.io", "library/busybox", nil, "busybox"),
        ("busybox:1.35", "docker.io", "library/busybox", "1.35", "busybox:1.35"),
        ("docker.io/library/busybox:1.35", "docker.io", "library/busybox", "1.35", "busybox:1.35"),
        ("index.docker.io/library/busybox", "docker.io", "library/busybox", nil, "busybox"),
        ("strata-fixture/two:1", "docker.io", "strata-fixture/two", "1", "strata-fixture/two:1"),
        ("localhost:5000/x/y:t", "localhost:5000", "x/y", "t", "localhost:5000/x/y:t"),
        ("localhost/x", "localhost", "x", nil, "localhost/x"),
        ("ghcr.io/o/r__s.t-u:v_1.0-rc", "ghcr.io", "o/r__s.t-u", "v_1.0-rc", "ghcr.io/o/r__s.t-u:v_1.0-rc"),
        ("[::1]:5000/img:2", "[::1]:5000", "img", "2", "[::1]:5000/img:2"),
    ] as [(String, String, String, String?, String)])
    func normalisesLikeDocker(text: String, domain: String, path: String, tag: String?, familiar: String) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference.domain == domain)
        #expect(reference.path == path)
        #expect(reference.tag == tag)
        #expect(reference.description == familiar)
    }

    @Test func digestReferencePinsTheManifest() throws {
        let reference = try ImageReference(parsing: "busybox@sha256:\(Self.hex)")
        #expect(reference.digest?.hex == Self.hex)
        #expect(reference.tag == nil)
        #expect(reference.withDefaultTag.tag == nil)
        #expect(reference.fullDescription == "docker.io/library/busybox@sha256:\(Self.hex)")
    }

    @Test func defaultTagIsLatest() throws {
        #expect(try ImageReference(parsing: "busybox").withDefaultTag.description == "busybox:latest")
        #expect(try ImageReference(parsing: "busybox").withDefaultTag.fullDescription == "docker.io/library/busybox:latest")
    }

    @Test(arguments: [
        ("", ReferenceError.empty),
        ("BusyBox", .uppercase("BusyBox")),
        ("busybox:", .invalidTag("")),
        ("busybox:-x", .invalidTag("-x")),
        ("busybox@sha256:12", .invalidDigest("sha256:12")),
        ("a//b", .invalidFormat("a//b")),
        ("-busybox", .invalidFormat("-busybox")),
        ("busy..box", .invalidFormat("busy..box")),
        ("host:port/x", .invalidFormat("host:port/x")),
    ])
    func invalidReferencesAreRejected(text: String, error: ReferenceError) {
        #expect(throws: error) { try ImageReference(parsing: text) }
    }

    @Test func overlongNameIsRejected() {
        let name = String(repeating: "a", count: 250) + "/" + String(repeating: "b", count: 10)
        #expect(throws: ReferenceError.nameTooLong(name)) { try ImageReference(parsing: name) }
    }
}
