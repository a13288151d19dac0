import Foundation

/// Where a command writes: the real stdout/stderr, or buffers in tests.
public struct Terminal: Sendable {
    public var output: String = ""
    public var errors: String = ""
    /// When true, writes go straight to the process's stdout/stderr instead of the buffers.
    public var isLive: Bool
    /// Whether stdout is a terminal (colour, live progress).
    public var isInteractive: Bool

    public static var standard: Terminal { Terminal(isLive: true, isInteractive: isatty(1) == 1) }
    public static var captured: Terminal { Terminal(isLive: false, isInteractive: false) }

    public init(isLive: Bool, isInteractive: Bool) {
        self.isLive = isLive
        self.isInteractive = isInteractive
    }

    public mutating func out(_ text: String) {
        if isLive { FileHandle.standardOutput.write(Data(text.utf8)) } else { output += text }
    }

    public mutating func err(_ text: String) {
        if isLive { FileHandle.standardError.write(Data(text.utf8)) } else { errors += text }
    }
}
