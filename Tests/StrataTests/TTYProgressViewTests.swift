import Foundation
import Strata
import StrataCLI
import StrataSupport
import Testing

/// The live `--progress=tty` view, frame by frame: events in, exact terminal text out.
@Suite struct TTYProgressViewTests {
    static let size = TTYProgressView.Size(width: 40, height: 24)
    static let esc = "\u{1B}"
    static let start = "\r\(esc)[?25l"
    static let end = "\(esc)[?25h"

    /// A header or note line: padded to the full width, as BuildKit aligns it.
    func full(_ text: String) -> String { text.padding(toLength: 40, withPad: " ", startingAt: 0) + "\n" }

    /// A step line: name padded so the time ends one column before the right edge.
    func step(_ name: String, _ time: String) -> String {
        (" => " + name).padding(toLength: 33, withPad: " ", startingAt: 0) + "  " + time + "\n"
    }

    func blue(_ text: String) -> String { "\(Self.esc)[34m" + text + "\(Self.esc)[0m" }
    func red(_ text: String) -> String { "\(Self.esc)[31m" + text + "\(Self.esc)[0m" }
    /// A line of a running step's output: dimmed, padded to cover the previous frame.
    func faint(_ text: String) -> String { "\(Self.esc)[2m" + text.padding(toLength: 39, withPad: " ", startingAt: 0) + "\n\(Self.esc)[0m" }

    @Test func cachedStepIsABlueLineWithZeroTime() {
        var view = TTYProgressView()
        view.apply(.cached(step: 1, name: "[1/2] FROM busybox", secrets: []), at: 0)
        let frame = view.frame(at: 0.5, size: Self.size)
        #expect(frame == Self.start + full("[+] Building 0.5s (1/1)") + blue(step("CACHED [1/2] FROM busybox", "0.0s")) + Self.end)
    }

    @Test func cachedStepThatMountsASecretWarnsItMayBeStale() {
        var view = TTYProgressView()
        view.apply(.cached(step: 1, name: "[2/2] RUN make", secrets: ["tok"]), at: 0)
        let frame = view.frame(at: 0.1, size: TTYProgressView.Size(width: 80, height: 24))
        #expect(frame.contains("CACHED [2/2] RUN make"))
        #expect(frame.contains("\(Self.esc)[33m => WARN: secret \"tok\" may have changed since this result was made"))
    }

    @Test func runningStepShowsItsLastOutputLinesDimmedAndIsRedrawnInPlace() {
        var view = TTYProgressView()
        view.apply(.started(step: 1, name: "[internal] load build context"), at: 0)
        view.apply(.done(step: 1, elapsed: 0.01), at: 0.01)
        view.apply(.started(step: 2, name: "[2/2] RUN make"), at: 0.02)
        view.apply(.log(step: 2, elapsed: 0.48, text: "compiling a\ncompiling b\n"), at: 0.5)
        let first = view.frame(at: 1.3, size: Self.size)
        #expect(first == Self.start + full("[+] Building 1.3s (1/2)")
            + blue(step("[internal] load build context", "0.0s"))
            + step("[2/2] RUN make", "1.3s")
            + faint(" => => # compiling a") + faint(" => => # compiling b")
            + Self.end)

        // The next frame moves up over the header and the four lines, and draws over them;
        // when it is shorter, the rest is blanked and the cursor comes back up.
        view.apply(.done(step: 2, elapsed: 1.5), at: 1.52)
        let second = view.frame(at: 1.6, size: Self.size)
        #expect(second == "\(Self.esc)[5A" + Self.start + full("[+] Building 1.6s (2/2)")
            + blue(step("[internal] load build context", "0.0s"))
            + blue(step("[2/2] RUN make", "1.5s"))
            + String(repeating: String(repeating: " ", count: 39) + "\n", count: 2) + "\(Self.esc)[2A"
            + Self.end)
    }

    @Test func outputShowsOnlyTheLastSixLinesWithoutEscapeSequences() {
        var view = TTYProgressView()
        view.apply(.started(step: 1, name: "[1/1] RUN build"), at: 0)
        view.apply(.log(step: 1, elapsed: 0.1, text: (1...8).map { "line \($0)" }.joined(separator: "\n") + "\n"), at: 0.1)
        view.apply(.log(step: 1, elapsed: 0.2, text: "\(Self.esc)[2J\(Self.esc)[31mtoken\t[redacted:tok]\n50%\r100%\n"), at: 0.2)
        let frame = view.frame(at: 0.3, size: Self.size)
        #expect(!frame.contains("line 4"))
        #expect(frame.contains(faint(" => => # line 5")))
        #expect(frame.contains(faint(" => => # token [redacted:tok]")))
        #expect(frame.contains(faint(" => => # 100%")))
        #expect(!frame.contains("[2J") && !frame.contains("50%"))
    }

    @Test func aShortTerminalShowsNoOutputWindowAsInBuildKit() {
        var view = TTYProgressView()
        view.apply(.started(step: 1, name: "[1/1] RUN build"), at: 0)
        view.apply(.log(step: 1, elapsed: 0.1, text: "working\n"), at: 0.1)
        #expect(!view.frame(at: 0.2, size: TTYProgressView.Size(width: 40, height: 10)).contains(" => => # "))
        #expect(view.frame(at: 0.3, size: TTYProgressView.Size(width: 40, height: 14)).contains(" => => # working"))
    }

    @Test func failedStepIsRedAndTheFinalFrameListsItsOutput() {
        var view = TTYProgressView()
        view.apply(.cached(step: 1, name: "[1/2] FROM busybox", secrets: []), at: 0)
        view.apply(.started(step: 2, name: "[2/2] RUN ./build.sh"), at: 0.1)
        view.apply(.log(step: 2, elapsed: 0.2, text: "starting\n"), at: 0.3)
        view.apply(.failed(step: 2, message: "process \"/bin/sh -c ./build.sh\" did not complete successfully: exit code: 1"), at: 0.6)
        let frame = view.frame(at: 0.7, size: Self.size, final: true)
        #expect(frame == Self.start + full("[+] Building 0.7s (2/2) FINISHED")
            + blue(step("CACHED [1/2] FROM busybox", "0.0s"))
            + red(step("ERROR [2/2] RUN ./build.sh", "0.5s"))
            + Self.end
            + "------\n > [2/2] RUN ./build.sh:\n0.200 starting\n------\n")
    }

    @Test func finalFrameListsEveryStepWhileLiveFramesFitTheTerminal() {
        var view = TTYProgressView()
        for step in 1...6 {
            view.apply(.started(step: step, name: "[\(step)/6] RUN step \(step)"), at: Double(step))
            view.apply(.done(step: step, elapsed: 0), at: Double(step))
        }
        view.apply(.warning(Diagnostic(.warning, "JSONArgsRecommended: JSON arguments recommended for CMD")), at: 7)
        let short = TTYProgressView.Size(width: 40, height: 5)
        let live = view.frame(at: 7, size: short)
        #expect(!live.contains("[3/6]") && live.contains("[4/6]") && live.contains("[6/6]"))
        let final = view.frame(at: 7, size: short, final: true)
        #expect((1...6).allSatisfy { final.contains("[\($0)/6] RUN step \($0)") })
        #expect(final.contains("[+] Building 6.0s (6/6) FINISHED"))
        #expect(final.hasSuffix("\n 1 warning found:\n - warning: JSONArgsRecommended: JSON arguments recommended for CMD\n"))
    }

    @Test func liveFramesKeepARunningStepInViewWhenOlderLinesScrollAway() {
        var view = TTYProgressView()
        view.apply(.started(step: 1, name: "[1/5] RUN slow"), at: 0)
        for step in 2...5 {
            view.apply(.started(step: step, name: "[\(step)/5] RUN fast \(step)"), at: Double(step))
            view.apply(.done(step: step, elapsed: 0), at: Double(step))
        }
        let frame = view.frame(at: 6, size: TTYProgressView.Size(width: 40, height: 5))
        #expect(frame.contains("[1/5] RUN slow"))
        #expect(frame.contains("[5/5] RUN fast 5"))
        #expect(!frame.contains("[3/5]"))
    }

    @Test(arguments: [
        (ProgressMode.auto, false, ProgressMode.plain),
        (.auto, true, .tty),
        (.tty, false, .tty),
        (.plain, true, .plain),
        (.rawjson, true, .rawjson),
        (.quiet, true, .quiet),
    ])
    func autoIsTheLiveViewOnlyOnATerminal(requested: ProgressMode, terminal: Bool, expected: ProgressMode) {
        #expect(requested.resolved(stderrIsTerminal: terminal) == expected)
    }
}
