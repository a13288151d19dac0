/// Go's `time.ParseDuration`: a signed sequence of decimal numbers with units
/// (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), e.g. `1m30s`, `1.5h`, `300ms`; `0` alone is allowed.
public enum GoDuration {
    public static func parse(_ text: String) -> Duration? {
        var scalars = Array(text.unicodeScalars)[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars.removeFirst()
        }
        if scalars.count == 1 && scalars.first == "0" { return .zero }
        guard !scalars.isEmpty else { return nil }
        var totalNanoseconds: Double = 0
        while !scalars.isEmpty {
            var whole = ""
            while let ch = scalars.first, ("0"..."9").contains(ch) { whole.unicodeScalars.append(ch); scalars.removeFirst() }
            var fraction = ""
            if scalars.first == "." {
                scalars.removeFirst()
                while let ch = scalars.first, ("0"..."9").contains(ch) { fraction.unicodeScalars.append(ch); scalars.removeFirst() }
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            var unit = ""
            while let ch = scalars.first, ch != ".", !("0"..."9").contains(ch) { unit.unicodeScalars.append(ch); scalars.removeFirst() }
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            default: return nil
            }
            let number = Double((whole.isEmpty ? "0" : whole) + "." + (fraction.isEmpty ? "0" : fraction)) ?? 0
            totalNanoseconds += number * scale
        }
        guard totalNanoseconds <= Double(Int64.max) else { return nil }
        let nanoseconds = Int64(totalNanoseconds.rounded())
        return .nanoseconds(negative ? -nanoseconds : nanoseconds)
    }
}
