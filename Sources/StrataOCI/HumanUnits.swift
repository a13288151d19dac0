import Foundation

/// Sizes and ages printed the way the Docker CLI prints them (go-units), so that Strata's
/// tables read like `docker images` and `docker history`.
public enum HumanUnits {
    /// `HumanSizeWithPrecision(size, 3)`: decimal units, three significant digits: `0B`,
    /// `512B`, `1.02kB`, `4.26MB`.
    public static func size(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return significant(value, digits: 3) + units[unit]
    }

    /// Go's `%.3g`: three significant digits, trailing zeros dropped.
    static func significant(_ value: Double, digits: Int) -> String {
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = max(0, digits - 1 - magnitude)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// go-units' `HumanDuration`: "Less than a second", "About a minute", "3 weeks".
    public static func duration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval)
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = Int(interval / 60)
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int((interval / 3600).rounded())
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(Int(interval / 3600) / 24 / 365) years"
    }

    /// "2 minutes ago" for an RFC 3339 timestamp, "N/A" when there is none or it does not parse.
    public static func age(of timestamp: String?, now: Date) -> String {
        guard let timestamp, let date = parseTimestamp(timestamp) else { return "N/A" }
        return duration(now.timeIntervalSince(date)) + " ago"
    }

    /// RFC 3339 with or without fractional seconds (Go writes up to nanoseconds).
    public static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        // Foundation accepts at most millisecond fractions: trim the rest before parsing.
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let afterDot = text[text.index(after: dot)...]
        let digits = afterDot.prefix { $0.isNumber }
        let zone = afterDot.dropFirst(digits.count)
        let fraction = Double("0." + digits) ?? 0
        guard let whole = plain.date(from: String(text[..<dot]) + zone) else { return nil }
        return whole.addingTimeInterval(fraction)
    }

    /// Go's `stringutils.Ellipsis`: at most `width` characters, the last one `…` when cut.
    public static func ellipsis(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }
}
