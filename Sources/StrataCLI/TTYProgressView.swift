import Foundation
import Strata

/// BuildKit's live terminal view (`--progress=tty`), as a value: build events go in, frame text
/// comes out. It holds no clock and touches no terminal, so every frame can be tested as a
/// string; `LiveProgressDisplay` supplies the time, the terminal size and the writes.
///
/// The layout follows buildx's console display: a header `[+] Building 1.2s (5/9)`, one line
/// per step (`=> CACHED [1/2] …`, `=> ERROR [2/2] …`) with its time at the right edge, the last
/// lines of a running step's output dimmed under it (`=> => # …`), each frame drawn over the
/// previous one with cursor-up and erase sequences, and a final static frame followed by the
/// failing step's full output. Log text arrives already redacted (`[redacted:ID]`), exactly as
/// plain mode prints it; control characters in it are dropped so a step's output cannot move
/// the cursor and garble the frame.
public struct TTYProgressView: Sendable {
    /// The terminal's size in character cells.
    public struct Size: Sendable, Equatable {
        public var width: Int
        public var height: Int

        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }

        /// What BuildKit assumes when the terminal does not say.
        public static let fallback = Size(width: 80, height: 10)
    }

    /// One step as the view shows it.
    struct Job: Sendable {
        var step: Int
        var name: String
        var started: Double
        var stopped: Double?
        var cached = false
        var error: String?
        /// Secrets a cached step mounts: its result may predate their current values.
        var staleSecrets: [String] = []
        /// Output lines as plain mode prints them (`0.123 text`), for the failure summary.
        var logs: [String] = []
        /// The last lines of output, shown dimmed while the step runs.
        var tail: [String] = []
        var outputBytes = 0

        var isCompleted: Bool { stopped != nil }
    }

    /// How many output lines a running step shows (BuildKit's initial terminal height).
    static let tailLines = 6
    /// The least a running step's output window shrinks to on a short terminal.
    static let tailLinesMinimum = 4
    /// Columns the `=> => # ` prefix and margins take from a step's output lines.
    static let outputPadding = 10
    /// Output lines kept per step for the failure summary (older ones are dropped).
    static let retainedLogLines = 1000

    private(set) var jobs: [Job] = []
    private var positions: [Int: Int] = [:]
    private var startTime: Double?
    /// Build checks and other notes, printed after the final frame as buildx does.
    private(set) var warnings: [String] = []
    /// Lines drawn by the last frame below its header, so the next one can draw over them.
    private var drawnLines = 0
    private var hasDrawn = false

    public init() {}

    /// Records what happened at `time` (seconds on any clock, as long as it is the same one
    /// `frame(at:size:final:)` gets).
    public mutating func apply(_ event: BuildEvent, at time: Double) {
        if startTime == nil { startTime = time }
        switch event {
        case .started(let step, let name):
            let index = job(step, name: name, at: time)
            jobs[index].stopped = nil
        case .cached(let step, let name, let secrets):
            let index = job(step, name: name, at: time)
            jobs[index].cached = true
            jobs[index].staleSecrets = secrets
            jobs[index].stopped = jobs[index].stopped ?? time
        case .log(let step, let elapsed, let text):
            let index = job(step, name: "#\(step)", at: time)
            jobs[index].outputBytes += text.utf8.count
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if text.hasSuffix("\n") { lines.removeLast() }
            for line in lines {
                jobs[index].logs.append("\(Self.elapsedText(elapsed)) \(line)")
                // A carriage return redraws the line in a terminal: only the last part shows.
                let visible = Self.printable(String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? ""))
                jobs[index].tail.append(visible)
            }
            if jobs[index].logs.count > Self.retainedLogLines { jobs[index].logs.removeFirst(jobs[index].logs.count - Self.retainedLogLines) }
            if jobs[index].tail.count > Self.tailLines { jobs[index].tail.removeFirst(jobs[index].tail.count - Self.tailLines) }
        case .done(let step, _):
            let index = job(step, name: "#\(step)", at: time)
            jobs[index].stopped = time
        case .failed(let step, let message):
            let index = job(step, name: "#\(step)", at: time)
            jobs[index].error = message
            jobs[index].stopped = time
        case .warning(let diagnostic):
            warnings.append(diagnostic.description)
        }
    }

    /// The text that draws the current state over the previous frame. A `final` frame lists
    /// every step whatever the terminal's height, marks a finished build `FINISHED`, and is
    /// followed by the failing steps' output and the warnings.
    public mutating func frame(at time: Double, size: Size, final: Bool = false) -> String {
        let width = max(size.width, 20)
        var out = ""
        // Back to the first line of the previous frame (its header and its lines), column 0.
        if hasDrawn { out += "\u{1B}[\(drawnLines + 1)A" }
        out += "\r" + ANSI.hideCursor
        hasDrawn = true

        let completed = jobs.filter(\.isCompleted).count
        let finished = final && completed > 0 && completed == jobs.count
        let elapsed = max(0, time - (startTime ?? time))
        var header = "[+] Building \(String(format: "%.1f", elapsed))s (\(completed)/\(jobs.count))" + (finished ? " FINISHED" : " ")
        header = Self.truncate(Self.pad(header, to: width), to: width)
        out += header + "\n"

        let (visible, showTail) = layout(height: size.height, final: final)
        var lines = 0
        for index in visible {
            let job = jobs[index]
            var duration = (job.stopped ?? time) - job.started
            if duration < 0.05 { duration = 0 }
            let timer = " " + String(format: "%3.1f", duration) + "s"
            let prefix = " => "
            let room = width - prefix.count - timer.count - 2
            guard room >= 12 else { continue }
            var name = (job.cached ? "CACHED " : "") + (job.error != nil ? "ERROR " : "") + Self.printable(job.name)
            name = Self.truncate(name, to: room)
            var line = Self.pad(prefix + name, to: width - timer.count - 2) + " " + timer + "\n"
            if job.isCompleted { line = (job.error != nil ? ANSI.red : ANSI.blue) + line + ANSI.reset }
            out += line
            lines += 1
            if !job.staleSecrets.isEmpty {
                let names = job.staleSecrets.map { "secret \"\($0)\"" }.joined(separator: ", ")
                let warning = Self.truncate(" => WARN: \(names) may have changed since this result was made", to: width - 1)
                out += ANSI.yellow + Self.pad(warning, to: width - 1) + "\n" + ANSI.reset
                lines += 1
            }
            if showTail.contains(index) {
                for text in job.tail where !text.allSatisfy({ $0 == " " }) {
                    // Padded like every other line, so it fully covers what the last frame drew there.
                    out += ANSI.faint + Self.pad(Self.truncate(" => => # " + text, to: width - 1), to: width - 1) + "\n" + ANSI.reset
                    lines += 1
                }
            }
        }
        // Blank out what is left of a taller previous frame, then come back up.
        if drawnLines > lines {
            let extra = drawnLines - lines
            out += String(repeating: String(repeating: " ", count: width - 1) + "\n", count: extra)
            out += "\u{1B}[\(extra)A"
        }
        drawnLines = lines
        out += ANSI.showCursor
        if final { out += summary() }
        return out
    }

    /// After the final frame: each failed step's whole output between BuildKit's rules, then
    /// the build checks' warnings.
    func summary() -> String {
        var out = ""
        for job in jobs where job.error != nil {
            out += "------\n > \(Self.printable(job.name)):\n"
            for line in job.logs { out += Self.printable(line) + "\n" }
            out += "------\n"
        }
        if !warnings.isEmpty {
            out += "\n \(warnings.count) warning\(warnings.count == 1 ? "" : "s") found:\n"
            for warning in warnings { out += " - " + warning.replacingOccurrences(of: "\n", with: "\n   ") + "\n" }
        }
        return out
    }

    /// Which jobs fit on the screen, and which running jobs also show their output. Like
    /// BuildKit: output windows go to the busiest running steps while there is room, and when
    /// the steps do not fit, the oldest finished ones scroll away first.
    private func layout(height: Int, final: Bool) -> (visible: [Int], showTail: Set<Int>) {
        let running = jobs.indices.filter { !jobs[$0].isCompleted }
        let candidates = running.filter { jobs[$0].outputBytes > 0 }.sorted { jobs[$0].outputBytes > jobs[$1].outputBytes }
        let tailHeight = max(Self.tailLinesMinimum, min(Self.tailLines, height - Self.tailLinesMinimum - 1))
        var free = height - 2 - running.count
        var showTail: Set<Int> = []
        var tailRows = 0
        for index in candidates where free > tailHeight + 3 {
            showTail.insert(index)
            tailRows += jobs[index].tail.count
            free -= tailHeight + 3
        }
        let all = Array(jobs.indices)
        if final { return (all, showTail) }
        let stale = jobs.indices.filter { !jobs[$0].staleSecrets.isEmpty }.count
        let limit = height - 2 - tailRows - stale
        guard limit >= 0 else { return ([], []) }
        guard all.count > limit else { return (all, showTail) }
        // Keep the newest lines, but never let a running step scroll out of view.
        let hidden = all.prefix(all.count - limit)
        let shown = Array(all.suffix(limit))
        let hiddenRunning = hidden.filter { !jobs[$0].isCompleted }
        guard !hiddenRunning.isEmpty else { return (shown, showTail) }
        var dropCompleted = hiddenRunning.count
        var kept: [Int] = []
        for index in shown {
            if jobs[index].isCompleted && dropCompleted > 0 {
                dropCompleted -= 1
                continue
            }
            kept.append(index)
        }
        return (Array(hiddenRunning.suffix(limit - kept.count)) + kept, showTail)
    }

    private mutating func job(_ step: Int, name: String, at time: Double) -> Int {
        if let index = positions[step] {
            if jobs[index].name.hasPrefix("#") && !name.hasPrefix("#") { jobs[index].name = name }
            return index
        }
        jobs.append(Job(step: step, name: name, started: time))
        positions[step] = jobs.count - 1
        return jobs.count - 1
    }

    /// BuildKit's log timestamps: three decimals under 10 s, two under 100 s, then one.
    static func elapsedText(_ seconds: Double) -> String {
        String(format: seconds < 10 ? "%.3f" : seconds < 100 ? "%.2f" : "%.1f", seconds)
    }

    /// Text with escape sequences and other control characters removed (tabs become spaces),
    /// so that a step's output cannot move the cursor or change colours in the middle of a
    /// frame.
    static func printable(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                // ESC [ parameters… final byte: a CSI sequence (cursor moves, colours) goes whole.
                guard let next = scalars.next(), next == "[" else { continue }
                while let byte = scalars.next(), !(0x40...0x7e).contains(byte.value) {}
            } else if scalar == "\t" {
                out += " "
            } else if scalar.value >= 0x20 && scalar.value != 0x7f && !(0x80..<0xa0).contains(scalar.value) {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func truncate(_ text: String, to width: Int) -> String {
        text.count > width ? String(text.prefix(max(0, width))) : text
    }
}
