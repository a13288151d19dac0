/// `date [-u] [+FORMAT]` on the run's fixed clock (always UTC).
struct DateProgram: ShellProgram {
    static let names = ["date"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var format = "%a %b %e %H:%M:%S UTC %Y"
        var time = shell.clock
        var args = invocation.args[...]
        while let arg = args.popFirst() {
            if arg.hasPrefix("+") { format = String(arg.dropFirst()) } else if arg == "-d" || arg == "-r", let value = args.popFirst() {
                if arg == "-r" { time = (try? shell.fs.stat(shell.absolute(value)))?.modificationTime ?? time } else if value.hasPrefix("@"), let t = Int(value.dropFirst()) { time = t }
            } else if arg == "-I" { format = "%Y-%m-%d" } else if arg == "-R" { format = "%a, %d %b %Y %H:%M:%S +0000" }
        }
        try shell.writeOut(Self.format(time, format) + "\n")
        return 0
    }

    /// strftime for UTC.
    static func format(_ time: Int, _ format: String) -> String {
        let days = Int((Double(time) / 86400).rounded(.down))
        let seconds = time - days * 86400
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 11) % 7
        let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var out = ""
        var chars = Array(format)[...]
        while let c = chars.popFirst() {
            guard c == "%", let f = chars.popFirst() else { out.append(c); continue }
            switch f {
            case "Y": out += String(year)
            case "y": out += two(year % 100)
            case "m": out += two(month)
            case "d": out += two(day)
            case "e": out += day < 10 ? " \(day)" : "\(day)"
            case "H": out += two(seconds / 3600)
            case "M": out += two(seconds % 3600 / 60)
            case "S": out += two(seconds % 60)
            case "s": out += String(time)
            case "b", "h": out += monthNames[month - 1]
            case "a": out += dayNames[weekday]
            case "j": out += zeroPadded(doy, width: 3)
            case "Z": out += "UTC"
            case "z": out += "+0000"
            case "F": out += "\(year)-\(two(month))-\(two(day))"
            case "T": out += "\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60))"
            case "D": out += "\(two(month))/\(two(day))/\(two(year % 100))"
            case "n": out += "\n"
            case "%": out += "%"
            default: out += "%" + String(f)
            }
        }
        return out
    }
}

/// `value` in decimal, zero-padded to `width`.
func zeroPadded(_ value: Int, width: Int, radix: Int = 10) -> String {
    let text = String(value, radix: radix)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
