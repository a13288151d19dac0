import Foundation

/// Where a command writes: the real stdout/stderr, or buffers in tests.
public struct Terminal: Sendable {
    public var output: String = ""
    public var errors: String = ""
    /// When true, writes go straight to the process's stdout/stderr instead of the buffers.
    public var isLive: Bool
    /// Whether stdout is a terminal (colour).
    public var isInteractive: Bool
    /// Whether stderr is a terminal: progress goes there, so `--progress=auto` draws the live
    /// view only when this is true, as BuildKit does.
    public var errorsAreInteractive: Bool

    public static var standard: Terminal {
        Terminal(isLive: true, isInteractive: isatty(1) == 1, errorsAreInteractive: isatty(2) == 1)
    }
    public static var captured: Terminal { Terminal(isLive: false, isInteractive: false) }

    public init(isLive: Bool, isInteractive: Bool, errorsAreInteractive: Bool = false) {
        self.isLive = isLive
        self.isInteractive = isInteractive
        self.errorsAreInteractive = errorsAreInteractive
    }

    /// The size of the terminal stderr is on, from the kernel (`TIOCGWINSZ`), else from
    /// `COLUMNS`/`LINES`, else BuildKit's fallback of 80×10.
    public static func errorSize(environment: [String: String]) -> TTYProgressView.Size {
        #if os(Linux)
        let request = UInt(TIOCGWINSZ)
        #else
        // Darwin's TIOCGWINSZ is a function-like macro Swift does not import: _IOR('t', 104, winsize).
        let request: UInt = 0x4008_7468
        #endif
        var size = winsize()
        if ioctl(2, request, &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return TTYProgressView.Size(width: Int(size.ws_col), height: Int(size.ws_row))
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), let lines = environment["LINES"].flatMap(Int.init), columns > 0, lines > 0 {
            return TTYProgressView.Size(width: columns, height: lines)
        }
        return .fallback
    }

    public mutating func out(_ text: String) {
        if isLive { FileHandle.standardOutput.write(Data(text.utf8)) } else { output += text }
    }

    public mutating func err(_ text: String) {
        if isLive { FileHandle.standardError.write(Data(text.utf8)) } else { errors += text }
    }
}
