// swift-tools-version: 6.0
// Strata: simulate BuildKit's Dockerfile builds without a daemon and prove that
// build secrets never reach what ships. Zero third-party packages by design:
// only the toolchain and system zlib, libbz2 and liblzma.
import PackageDescription

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Strata", targets: ["Strata"]),
        .executable(name: "strata", targets: ["strata"]),
    ],
    targets: [
        // System zlib, for gzip layers.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // System libbz2 and liblzma, for ADD's extraction of bzip2 and xz archives.
        .systemLibrary(name: "CBzip2", path: "Sources/CBzip2"),
        .systemLibrary(name: "CLzma", path: "Sources/CLzma"),

        // Our own C: SHA-256 with the x86 SHA extensions (the portable path is Swift).
        .target(name: "CStrataSHA256"),
        // Our own C: the audit's byte-scanning kernels (AVX2 where present, portable C elsewhere).
        .target(name: "CStrataScan"),
        // Digest, SHA-256, source locations, diagnostics, stable JSON.
        .target(name: "StrataSupport", dependencies: ["CStrataSHA256"]),
        // tar (ustar + PAX), gzip, and bzip2/xz decompression.
        .target(name: "StrataArchive", dependencies: ["StrataSupport", "CZlib", "CBzip2", "CLzma"]),
        // The on-disk content store: blobs by digest, atomic and verified.
        .target(name: "StrataStore", dependencies: ["StrataSupport"]),
        // Dockerfile bytes → AST → typed instructions; word expansion.
        .target(name: "StrataDockerfile", dependencies: ["StrataSupport"]),
        // The operation graph (LLB-like values).
        .target(name: "StrataLLB", dependencies: ["StrataSupport"]),
        // Dockerfile → LLB and the image config BuildKit would write.
        .target(name: "StrataFrontend", dependencies: ["StrataDockerfile", "StrataLLB", "StrataOCI"]),
        // Immutable snapshots, layer diff and apply.
        .target(name: "StrataFS", dependencies: ["StrataSupport", "StrataArchive", "StrataStore"]),
        // The simulated shell and program models (tar and gzip through StrataArchive).
        .target(name: "StrataShell", dependencies: ["StrataSupport", "StrataArchive"]),
        // Scheduler, cache keys, executor.
        .target(
            name: "StrataSolver",
            dependencies: ["StrataLLB", "StrataFS", "StrataShell", "StrataStore"]),
        // OCI values: descriptors, manifests, configs, history; the image index.
        .target(name: "StrataOCI", dependencies: ["StrataSupport", "StrataStore"]),
        // docker-archive and OCI layout, import and export.
        .target(
            name: "StrataExport",
            dependencies: ["StrataOCI", "StrataArchive", "StrataFS", "StrataStore"]),
        // Secret scanning of images.
        .target(
            name: "StrataVerify",
            dependencies: ["StrataOCI", "StrataArchive", "StrataFS", "StrataStore", "CStrataScan"]),
        // Inspection of images: dive's efficiency analysis.
        .target(name: "StrataInspect", dependencies: ["StrataArchive", "StrataVerify"]),
        // The façade that wires the pipeline: the public Swift API.
        .target(
            name: "Strata",
            dependencies: [
                "StrataSupport", "StrataArchive", "StrataStore", "StrataDockerfile", "StrataLLB",
                "StrataFrontend", "StrataFS", "StrataShell", "StrataSolver", "StrataOCI",
                "StrataExport", "StrataVerify", "StrataInspect",
            ]),
        // Commands, help, progress and report renderers.
        .target(name: "StrataCLI", dependencies: ["Strata", "StrataInspect"]),
        .executableTarget(name: "strata", dependencies: ["StrataCLI"]),
        // `make bench`: speed goals measured against the real tools.
        .executableTarget(
            name: "strata-bench",
            dependencies: ["Strata", "StrataSupport", "StrataDockerfile", "StrataShell", "StrataVerify", "StrataArchive"]),

        .testTarget(name: "StrataSupportTests", dependencies: ["StrataSupport"]),
        .testTarget(name: "StrataArchiveTests", dependencies: ["StrataArchive"]),
        .testTarget(name: "StrataStoreTests", dependencies: ["StrataStore"]),
        .testTarget(name: "StrataDockerfileTests", dependencies: ["StrataDockerfile"]),
        .testTarget(name: "StrataFSTests", dependencies: ["StrataFS"], exclude: ["BUILDKIT-DIFFER.md"]),
        .testTarget(name: "StrataShellTests", dependencies: ["StrataShell"]),
        .testTarget(name: "StrataSolverTests", dependencies: ["StrataSolver"]),
        .testTarget(name: "StrataFrontendTests", dependencies: ["StrataFrontend"]),
        .testTarget(
            name: "StrataOCITests", dependencies: ["StrataOCI", "StrataExport", "StrataArchive", "StrataStore"],
            exclude: ["Fixtures"]),
        .testTarget(name: "StrataVerifyTests", dependencies: ["StrataVerify"]),
        .testTarget(name: "StrataInspectTests", dependencies: ["StrataInspect"]),
        .testTarget(name: "StrataTests", dependencies: ["Strata", "StrataCLI", "StrataInspect"]),
    ]
)
