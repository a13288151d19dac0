/// The escape sequences the live view uses (SGR colours as BuildKit's defaults, DEC cursor
/// visibility).
enum ANSI {
    static let blue = "\u{1B}[34m"
    static let red = "\u{1B}[31m"
    static let yellow = "\u{1B}[33m"
    static let faint = "\u{1B}[2m"
    static let reset = "\u{1B}[0m"
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
}
