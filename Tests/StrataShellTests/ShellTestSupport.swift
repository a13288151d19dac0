@testable import StrataShell

/// A small image-like tree: busybox with applet links, /etc/passwd and /etc/group.
func makeImageFileSystem() throws -> MemoryFileSystem {
    var fs = MemoryFileSystem(now: 1_700_000_000)
    try fs.seed("/bin/busybox", "\u{7F}ELF", mode: 0o755)
    for name in ["sh"] + Programs.names { try fs.seedLink("/bin/\(name)", to: "busybox") }
    try fs.seed("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n")
    try fs.seed("/etc/group", "root:x:0:\napp:x:1000:\n")
    try fs.makeParents("/tmp")
    try fs.makeParents("/root")
    return fs
}

/// Runs `script` over `fs` and returns the result and the file system after the run.
func run(
    _ script: String, on fs: MemoryFileSystem, environment: [String: ShellString] = ["PATH": "/bin"],
    limits: ShellLimits = ShellLimits(), shell: ShellDialect = .sh
) -> (ShellResult, MemoryFileSystem) {
    var runner = ShellRunner(fileSystem: fs, environment: environment, limits: limits)
    let result = runner.run(script: script, shell: shell)
    return (result, runner.fileSystem)
}
