/// A calendar date with no time zone: a day number counted from 1970-01-01.
///
/// Conversions use the proleptic Gregorian calendar (days-from-civil), so date arithmetic is integer
/// arithmetic and needs neither Foundation nor the machine's time zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (which is day 0, a Thursday).
    public var day: Int32

    public init(day: Int32) { self.day = day }

    /// The date `year-month-day`, or nil if it does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.day = Int32(era * 146_097 + doe - 719_468)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Year, month (1–12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(day) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((Int(day) + 3) % 7 + 7) % 7  // 0 = Monday
        // Not `allCases[index]`: that builds the array of seven cases on every call.
        return Weekday(rawValue: UInt8(index)) ?? .monday
    }

    public func adding(days: Int32) -> CivilDate { CivilDate(day: day + days) }

    /// "2026-12-01".
    public var description: String {
        let c = components
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// Parses "YYYY-MM-DD".
    public static func parse(_ text: Substring) -> CivilDate? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            let y = digits(u[0..<4]), let m = digits(u[5..<7]), let d = digits(u[8..<10])
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// Parses "YYYY-MM-DD", or a date as Russian documents write it: "02.12.2026", "2.12.2026".
    public static func parse(dayFirst text: Substring) -> CivilDate? {
        if let iso = parse(text) { return iso }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
            let d = digits(Array(parts[0].utf8)[...]), let m = digits(Array(parts[1].utf8)[...]), let y = digits(Array(parts[2].utf8)[...])
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.day < b.day }
}

/// Days of the week, Monday first as in Russia.
public enum Weekday: UInt8, CaseIterable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var shortName: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][Int(rawValue)] }
    public var shortNameRussian: String { ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"][Int(rawValue)] }
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public init?(shortName: Substring) {
        guard let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex(of: shortName.lowercased())
        else { return nil }
        self.init(rawValue: UInt8(i))
    }
}

/// A set of weekdays as a 7-bit mask (bit 0 = Monday).
public struct WeekdaySet: Hashable, Sendable {
    public var mask: UInt8
    public init(mask: UInt8) { self.mask = mask & 0x7F }
    public init(_ days: [Weekday]) { mask = days.reduce(0) { $0 | (1 << $1.rawValue) } }
    public func contains(_ day: Weekday) -> Bool { mask & (1 << day.rawValue) != 0 }
    public var isEmpty: Bool { mask == 0 }
    public var days: [Weekday] { Weekday.allCases.filter(contains) }
}

func pad(_ value: Int, _ width: Int) -> String {
    var s = String(value)
    while s.count < width { s = "0" + s }
    return s
}

func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var v = 0
    for b in bytes {
        guard b >= 0x30 && b <= 0x39 else { return nil }
        v = v * 10 + Int(b - 0x30)
    }
    return v
}
