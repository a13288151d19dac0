/// A `--platform` value parsed like `containerd/platforms.Parse`, as far as BuildKit's
/// FromPlatformFlagConstDisallowed needs it: the normalised OS and architecture.
///
/// `os/arch[/variant]` takes any OS and architecture names (only normalised: `x86_64` →
/// `amd64`, `aarch64` → `arm64`, `armhf` → `arm`, `macos` → `darwin`); a single component must
/// be a known OS or architecture, the missing half coming from the builder, which Strata takes
/// to be linux/amd64 (BuildKit uses the Go runtime it runs on).
struct PlatformSpecifier: Sendable, Hashable {
    var os: String
    var architecture: String

    static let builderOS = "linux"
    static let builderArchitecture = "amd64"

    init?(parsing specifier: String) {
        let parts = specifier.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // containerd: each component must match `^[A-Za-z0-9_.-]+$` (an OS may carry
        // `(version)`, which the parts check below tolerates by stripping it).
        func isSpecifierPart(_ part: String) -> Bool {
            !part.isEmpty && part.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-")
            }
        }
        var osPart = parts.first ?? ""
        if let open = osPart.firstIndex(of: "("), osPart.hasSuffix(")") { osPart = String(osPart[..<open]) }
        guard isSpecifierPart(osPart), parts.dropFirst().allSatisfy(isSpecifierPart) else { return nil }
        switch parts.count {
        case 1:
            let word = osPart.lowercased()
            if Self.knownOS.contains(word) {
                os = Self.normalizeOS(word)
                architecture = Self.builderArchitecture
            } else if Self.knownArchitectures.contains(word) {
                os = Self.builderOS
                architecture = Self.normalizeArchitecture(word)
            } else {
                return nil
            }
        case 2, 3:
            os = Self.normalizeOS(osPart.lowercased())
            architecture = Self.normalizeArchitecture(parts[1].lowercased())
        default:
            return nil
        }
    }

    static func normalizeOS(_ os: String) -> String { os == "macos" ? "darwin" : os }

    static func normalizeArchitecture(_ architecture: String) -> String {
        switch architecture {
        case "i386": "386"
        case "x86_64", "x86-64", "amd64": "amd64"
        case "aarch64", "arm64": "arm64"
        case "armhf", "armel", "arm": "arm"
        default: architecture
        }
    }

    /// Go's `GOOS` values (containerd's `isKnownOS`).
    static let knownOS: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl",
        "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos", "macos",
    ]

    /// Go's `GOARCH` values plus containerd's aliases (`isKnownArch`).
    static let knownArchitectures: Set<String> = [
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64",
        "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x",
        "sparc", "sparc64", "wasm", "i386", "x86_64", "x86-64", "aarch64", "armhf", "armel",
    ]
}
