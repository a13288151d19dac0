import Foundation

/// Text written from any thread, collected for a captured terminal.
final class CapturedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ more: String) { lock.withLock { text += more } }

    /// Everything written so far; empties the buffer.
    func take() -> String {
        lock.withLock {
            defer { text = "" }
            return text
        }
    }
}
