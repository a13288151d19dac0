import Dispatch
import Foundation
import Strata

/// Drives a `TTYProgressView` on a real terminal: stamps events with the time, redraws at most
/// every 100 ms (BuildKit's display rate) and, between events, every 150 ms so that the running
/// step's timer keeps moving, and draws the final frame when the build ends.
///
/// Events arrive on the build's thread while the ticker fires on a dispatch queue; one lock
/// guards the view and the writes, so frames never interleave.
final class LiveProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private var view = TTYProgressView()
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    private var lastDraw: Double?
    private let write: @Sendable (String) -> Void
    private let size: @Sendable () -> TTYProgressView.Size
    private var ticker: DispatchSourceTimer?
    private var finished = false

    /// The interval between frames, as BuildKit's `TTY_DISPLAY_RATE` default.
    static let displayInterval = 0.1
    static let tickInterval = 0.15

    init(write: @escaping @Sendable (String) -> Void, size: @escaping @Sendable () -> TTYProgressView.Size) {
        self.write = write
        self.size = size
        self.origin = clock.now
    }

    /// Starts redrawing between events (only for a real terminal: tests draw on events alone).
    func startTicking() {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "strata.progress.ticker"))
        timer.schedule(deadline: .now() + Self.tickInterval, repeating: Self.tickInterval)
        timer.setEventHandler { [weak self] in self?.tick() }
        lock.withLock { ticker = timer }
        timer.resume()
    }

    func handle(_ event: BuildEvent) {
        lock.withLock {
            guard !finished else { return }
            let now = seconds()
            view.apply(event, at: now)
            if let lastDraw, now - lastDraw < Self.displayInterval { return }
            draw(at: now)
        }
    }

    /// Draws the final frame and the failure and warning summary; stops the ticker.
    func finish() {
        let timer = lock.withLock { () -> DispatchSourceTimer? in
            guard !finished else { return nil }
            finished = true
            write(view.frame(at: seconds(), size: size(), final: true))
            return ticker
        }
        timer?.cancel()
    }

    private func tick() {
        lock.withLock {
            guard !finished else { return }
            draw(at: seconds())
        }
    }

    /// Call with the lock held.
    private func draw(at now: Double) {
        lastDraw = now
        write(view.frame(at: now, size: size()))
    }

    private func seconds() -> Double {
        let (whole, fraction) = (clock.now - origin).components
        return Double(whole) + Double(fraction) / 1e18
    }
}

extension LiveProgressDisplay {
    /// A display for `strata build`'s stderr: straight to the terminal when the output is live
    /// (with the ticker running), else into `captured` for the command to pass on.
    static func make(for terminal: Terminal, environment: [String: String]) -> (display: LiveProgressDisplay, captured: CapturedText) {
        let captured = CapturedText()
        guard terminal.isLive else {
            return (LiveProgressDisplay(write: { captured.append($0) }, size: { .fallbackForCapture }), captured)
        }
        let display = LiveProgressDisplay(
            write: { FileHandle.standardError.write(Data($0.utf8)) },
            size: { Terminal.errorSize(environment: environment) })
        display.startTicking()
        return (display, captured)
    }
}

extension TTYProgressView.Size {
    /// Output that goes to a buffer has no terminal to measure: wide and tall enough that
    /// nothing is cut.
    static let fallbackForCapture = TTYProgressView.Size(width: 120, height: 40)
}
