import QuoteCore

/// Durations as a person writes them on a command line (`250us`, `1.5ms`, `0.002s`) and as the
/// report prints them (`71 µs`, `1.25 ms`), in whole nanoseconds.
public enum BenchDuration {
    /// Nanoseconds, or nil when `text` is not a positive number followed by `ns`, `us`, `µs`, `ms` or `s`.
    public static func parse(_ text: String) -> Int64? {
        let t = text.lowercased().filter { $0 != " " }
        let units: [(String, Int)] = [("ns", 0), ("us", 3), ("µs", 3), ("μs", 3), ("ms", 6), ("s", 9)]
        guard let (suffix, digits) = units.first(where: { t.hasSuffix($0.0) }) else { return nil }
        let number = Substring(t.dropLast(suffix.count))
        // A decimal with up to 9 places, in billionths of the unit; a unit of 10^digits ns.
        guard !number.isEmpty, case .success(let billionths) = FixedPoint.parse(number, scale: 9) else { return nil }
        var divisor: Int64 = 1
        for _ in 0..<(9 - digits) { divisor *= 10 }
        let value = billionths / divisor
        return value > 0 ? value : nil
    }

    /// `850 ns`, `71.2 µs`, `1.25 ms`, `2.10 s`: three significant figures at most.
    public static func format(_ nanoseconds: Int64) -> String {
        if nanoseconds < 1_000 { return "\(nanoseconds) ns" }
        if nanoseconds < 1_000_000 { return scaled(nanoseconds, 1_000, "µs") }
        if nanoseconds < 1_000_000_000 { return scaled(nanoseconds, 1_000_000, "ms") }
        return scaled(nanoseconds, 1_000_000_000, "s")
    }

    private static func scaled(_ n: Int64, _ unit: Int64, _ name: String) -> String {
        let whole = n / unit
        let decimals = whole >= 100 ? 0 : whole >= 10 ? 1 : 2
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (n * scale + unit / 2) / unit  // in 1/scale of the unit, rounded half up
        return FixedPoint.format(rounded, scale: decimals) + " " + name
    }
}
