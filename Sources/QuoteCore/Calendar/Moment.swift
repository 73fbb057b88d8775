/// An instant in time with the UTC offset it was written in: the clock input of every quote.
///
/// Stored as seconds since 1970-01-01T00:00:00Z plus the offset, so the same moment prints back as it
/// was given ("2026-12-01T10:00:00+03:00") and converts to the catalog's local time by integer
/// arithmetic.
public struct Moment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64
    /// Offset from UTC in seconds (+03:00 is 10 800).
    public var offsetSeconds: Int32

    public init(secondsSinceEpoch: Int64, offsetSeconds: Int32) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.offsetSeconds = offsetSeconds
    }

    /// The local date and the seconds since local midnight at this moment's offset.
    public var local: (date: CivilDate, secondOfDay: Int32) {
        let localSeconds = secondsSinceEpoch + Int64(offsetSeconds)
        let (d, r) = localSeconds.quotientAndRemainder(dividingBy: 86_400)
        return r < 0 ? (CivilDate(day: Int32(d - 1)), Int32(r + 86_400)) : (CivilDate(day: Int32(d)), Int32(r))
    }

    /// The same instant seen at another offset.
    public func at(offsetSeconds: Int32) -> Moment { Moment(secondsSinceEpoch: secondsSinceEpoch, offsetSeconds: offsetSeconds) }

    /// Local `date` at `secondOfDay`, at `offsetSeconds`.
    public init(date: CivilDate, secondOfDay: Int32, offsetSeconds: Int32) {
        self.init(
            secondsSinceEpoch: Int64(date.day) * 86_400 + Int64(secondOfDay) - Int64(offsetSeconds),
            offsetSeconds: offsetSeconds)
    }

    /// ISO-8601: "2026-12-01T10:00:00+03:00" ("Z" for UTC).
    public var description: String {
        let (date, sod) = local
        var s = date.description + "T" + pad(Int(sod / 3600), 2) + ":" + pad(Int(sod / 60 % 60), 2) + ":" + pad(Int(sod % 60), 2)
        s += Moment.formatOffset(offsetSeconds)
        return s
    }

    public static func formatOffset(_ offset: Int32) -> String {
        if offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let m = Int(offset.magnitude) / 60
        return sign + pad(m / 60, 2) + ":" + pad(m % 60, 2)
    }

    /// Parses an offset "+03:00", "-0530", "Z".
    public static func parseOffset(_ text: Substring) -> Int32? {
        if text == "Z" || text == "z" { return 0 }
        let u = Array(text.utf8)
        guard u.count == 6 || u.count == 5, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") else { return nil }
        let hh = digits(u[1..<3])
        let mm = u.count == 6 ? (u[3] == UInt8(ascii: ":") ? digits(u[4..<6]) : nil) : digits(u[3..<5])
        guard let h = hh, let m = mm, h <= 18, m < 60 else { return nil }
        let total = Int32(h * 3600 + m * 60)
        return u[0] == UInt8(ascii: "-") ? -total : total
    }

    /// Parses ISO-8601 "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)". Without an offset the moment is read at
    /// `defaultOffset` (the catalog's zone); a bare date means its local midnight.
    public static func parse(_ text: Substring, defaultOffset: Int32) -> Moment? {
        let u = Array(text.utf8)
        guard u.count >= 10, let date = CivilDate.parse(text.prefix(10)) else { return nil }
        if u.count == 10 { return Moment(date: date, secondOfDay: 0, offsetSeconds: defaultOffset) }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "), u.count >= 16, u[13] == UInt8(ascii: ":"),
            let h = digits(u[11..<13]), let mi = digits(u[14..<16]), h < 24, mi < 60
        else { return nil }
        var i = 16
        var sec = 0
        if i < u.count, u[i] == UInt8(ascii: ":") {
            guard u.count >= i + 3, let s = digits(u[(i + 1)..<(i + 3)]), s < 60 else { return nil }
            sec = s
            i += 3
            if i < u.count, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ",") {
                i += 1
                let start = i
                while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }  // fractions of a second are accepted and dropped
            }
        }
        var offset = defaultOffset
        if i < u.count {
            let rest = text.utf8.dropFirst(i)
            guard let parsed = parseOffset(Substring(rest)) else { return nil }
            offset = parsed
        }
        return Moment(date: date, secondOfDay: Int32(h * 3600 + mi * 60 + sec), offsetSeconds: offset)
    }

    public static func < (a: Moment, b: Moment) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}
