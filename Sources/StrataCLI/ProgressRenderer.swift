import Foundation
import Strata

/// `--progress=...`, with docker's names.
public enum ProgressMode: String, CaseIterable, Sendable {
    case auto, plain, tty, quiet, rawjson

    /// The mode that actually renders: `auto` is the live view when progress goes to a
    /// terminal and plain text otherwise (a pipe, a file, CI logs), as BuildKit decides it.
    /// `tty` is kept even without a terminal: the user asked for it.
    public func resolved(stderrIsTerminal: Bool) -> ProgressMode {
        guard self == .auto else { return self }
        return stderrIsTerminal ? .tty : .plain
    }
}

/// Renders build events line by line the way `docker build --progress=plain|quiet|rawjson`
/// does; the live view is `TTYProgressView`.

struct ProgressRenderer {
    var mode: ProgressMode
    private var printedHeader: Set<Int> = []

    init(mode: ProgressMode) { self.mode = mode }

    /// The text for one event (to stderr, as docker prints progress).
    mutating func render(_ event: BuildEvent) -> String {
        switch mode {
        case .quiet:
            if case .warning(let diagnostic) = event { return "\(diagnostic)\n" }
            return ""
        case .rawjson:
            return rawJSON(event) + "\n"
        case .auto, .plain, .tty:
            // The live view has its own renderer; here a terminal mode degrades to plain text.
            return plain(event)
        }
    }

    private mutating func plain(_ event: BuildEvent) -> String {
        switch event {
        case .started(let step, let name):
            printedHeader.insert(step)
            return "\n#\(step) \(name)\n"
        case .cached(let step, let name, let secrets):
            var text = printedHeader.contains(step) ? "" : "\n#\(step) \(name)\n"
            printedHeader.insert(step)
            if secrets.isEmpty {
                text += "#\(step) CACHED\n"
            } else {
                let names = secrets.map { "secret \"\($0)\"" }.joined(separator: ", ")
                text += "#\(step) CACHED (\(names) may have changed since this result was made)\n"
            }
            return text
        case .log(let step, let elapsed, let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
                index > 0 && line.isEmpty && text.hasSuffix("\n") ? nil : "#\(step) \(String(format: "%.3f", elapsed)) \(line)\n"
            }.joined()
        case .done(let step, let elapsed):
            return "#\(step) DONE \(String(format: "%.1f", elapsed))s\n"
        case .failed(let step, let message):
            return "#\(step) ERROR: \(message)\n"
        case .warning(let diagnostic):
            return "\(diagnostic)\n"
        }
    }

    private func rawJSON(_ event: BuildEvent) -> String {
        func json(_ fields: [String: Any]) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        switch event {
        case .started(let step, let name): return json(["event": "started", "step": step, "name": name])
        case .cached(let step, let name, let secrets): return json(["event": "cached", "step": step, "name": name, "secrets": secrets])
        case .log(let step, let elapsed, let text): return json(["event": "log", "step": step, "elapsed": elapsed, "text": text])
        case .done(let step, let elapsed): return json(["event": "done", "step": step, "elapsed": elapsed])
        case .failed(let step, let message): return json(["event": "error", "step": step, "message": message])
        case .warning(let diagnostic): return json(["event": "warning", "message": diagnostic.description])
        }
    }
}
