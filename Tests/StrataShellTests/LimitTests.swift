import Testing
@testable import StrataShell

/// Runaway scripts end quickly with a message naming the limit.
@Suite struct LimitTests {
    @Test func yesIntoAFileHitsTheWriteLimit() throws {
        let limits = ShellLimits(maxFileBytes: 1 << 20)
        let (result, _) = run("yes > /f", on: try makeImageFileSystem(), limits: limits)
        #expect(result.limitViolation?.kind == .fileSize)
        #expect(result.limitViolation?.message == "RUN exceeded the 1 MiB write limit in /f")
        #expect(result.exitStatus != 0)
        #expect(result.stderr.text.hasSuffix("RUN exceeded the 1 MiB write limit in /f\n"))
    }

    @Test func infiniteLoopHitsTheIterationLimit() throws {
        let limits = ShellLimits(maxLoopIterations: 10_000)
        let (result, _) = run("while :; do :; done", on: try makeImageFileSystem(), limits: limits)
        #expect(result.limitViolation?.kind == .loopIterations)
        #expect(result.limitViolation?.message == "RUN exceeded the limit of 10000 loop iterations")
    }

    @Test func unboundedRecursionHitsTheDepthLimit() throws {
        let (result, _) = run("f() { f; }; f", on: try makeImageFileSystem())
        #expect(result.limitViolation?.kind == .recursion)
    }

    @Test func commandCountIsBounded() throws {
        let limits = ShellLimits(maxCommands: 500, maxLoopIterations: 1_000_000)
        let (result, _) = run("i=0; while true; do i=$((i+1)); done", on: try makeImageFileSystem(), limits: limits)
        #expect(result.limitViolation?.kind == .commands)
    }

    @Test func outputIsBounded() throws {
        let limits = ShellLimits(maxOutputBytes: 1 << 16)
        let (result, _) = run("yes", on: try makeImageFileSystem(), limits: limits)
        #expect(result.limitViolation?.kind == .output)
        #expect(result.stdout.bytes.count <= 1 << 16)
    }

    @Test func sleepAdvancesSimulatedTimeOnly() throws {
        let limits = ShellLimits(maxSimulatedSeconds: 60)
        let (ok, _) = run("sleep 30; date +%s", on: try makeImageFileSystem(), limits: limits)
        #expect(ok.limitViolation == nil)
        #expect(ok.stdout.text == "1700000030\n")
        let (late, _) = run("sleep 30; sleep 31", on: try makeImageFileSystem(), limits: limits)
        #expect(late.limitViolation?.kind == .time)
    }

    @Test func yesIntoAPipeEndsLikeSIGPIPE() throws {
        let (result, _) = run("yes | head -n 2", on: try makeImageFileSystem())
        #expect(result.limitViolation == nil)
        #expect(result.stdout.text == "y\ny\n")
    }
}
