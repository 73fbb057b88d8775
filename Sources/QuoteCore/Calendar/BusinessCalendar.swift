/// The production calendar: which days are working days, and which are public holidays.
///
/// Two questions are asked of it, and they are different calendars:
/// - **Working days** (lead times, cut-off, validity): Saturdays and Sundays are days off unless the
///   catalog marks them as working days (a transferred working Saturday); any listed holiday is a day
///   off.
/// - **Delivery days**: a public holiday is never a delivery day, whatever weekday it falls on
///   (Victory Day on Saturday 2026-05-09 as much as on a Monday). The city's delivery weekdays are the
///   other half of that question (`SourcingContext.firstDeliveryDay`).
///
/// The catalog covers the years its holidays list mentions (`coveredYears`); a date outside them is
/// counted by the weekday rule alone, and the engine warns that the calendar does not cover it.
///
/// Looked up on every date a quote computes, so the listed days are kept as bitmaps over the days
/// they span (one bit a day): a lookup is a shift and a mask, not a hash.
public struct BusinessCalendar: Sendable {
    /// Public holidays and the days off they were moved to, on any weekday.
    public var holidays: Set<CivilDate> { didSet { index() } }
    /// Weekend days declared working days.
    public var workingWeekends: Set<CivilDate> { didSet { index() } }

    /// Bit `d - firstDay` of `holidayBits` is set when day `d` is a holiday; of `workingBits`, when it
    /// is a working weekend day.
    private var holidayBits: [UInt64] = []
    private var workingBits: [UInt64] = []
    private var firstDay: Int32 = 0
    /// The years the listed days fall in, first to last; nil when nothing is listed.
    public private(set) var coveredYears: ClosedRange<Int>?

    public init(holidays: Set<CivilDate> = [], workingWeekends: Set<CivilDate> = []) {
        self.holidays = holidays
        self.workingWeekends = workingWeekends
        index()
    }

    private mutating func index() {
        let all = holidays.union(workingWeekends)
        guard let lo = all.min(), let hi = all.max() else {
            holidayBits = []
            workingBits = []
            coveredYears = nil
            return
        }
        firstDay = lo.day
        let words = Int(hi.day - lo.day) / 64 + 1
        holidayBits = [UInt64](repeating: 0, count: words)
        workingBits = [UInt64](repeating: 0, count: words)
        for d in holidays { BusinessCalendar.set(&holidayBits, Int(d.day - lo.day)) }
        for d in workingWeekends { BusinessCalendar.set(&workingBits, Int(d.day - lo.day)) }
        coveredYears = lo.components.year...hi.components.year
    }

    private static func set(_ bits: inout [UInt64], _ offset: Int) {
        bits[offset >> 6] |= 1 << UInt64(offset & 63)
    }

    private func test(_ bits: [UInt64], _ date: CivilDate) -> Bool {
        let offset = Int(date.day) - Int(firstDay)
        guard offset >= 0, offset >> 6 < bits.count else { return false }
        return bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    /// Whether `date` is a working day: a weekday that is no holiday, or a declared working weekend day.
    public func isBusinessDay(_ date: CivilDate) -> Bool {
        if date.weekday.isWeekend { return test(workingBits, date) }
        return !test(holidayBits, date)
    }

    /// Whether `date` is a listed public holiday (or a day off moved to it), on any weekday.
    public func isHoliday(_ date: CivilDate) -> Bool {
        test(holidayBits, date)
    }

    /// Whether the catalog's calendar covers `date`'s year.
    public func covers(_ date: CivilDate) -> Bool {
        guard let years = coveredYears else { return false }
        return years.contains(date.components.year)
    }

    /// The first business day on or after `date`.
    public func businessDay(onOrAfter date: CivilDate) -> CivilDate {
        var d = date
        // A run of days off is never longer than the New Year holidays; 60 is a generous bound.
        for _ in 0..<60 {
            if isBusinessDay(d) { return d }
            d = d.adding(days: 1)
        }
        return d
    }

    /// `date` moved forward by `count` business days (`date` itself must be a business day).
    public func adding(businessDays count: Int, to date: CivilDate) -> CivilDate {
        var d = date
        var left = count
        while left > 0 {
            d = businessDay(onOrAfter: d.adding(days: 1))
            left -= 1
        }
        return d
    }

    /// The day an order placed at `moment` starts counting from: that day if it is a business day
    /// and the local time is before the cut-off hour, otherwise the next business day.
    public func orderDay(for moment: Moment, offsetSeconds: Int32, cutoffHour: Int) -> CivilDate {
        let (date, secondOfDay) = moment.at(offsetSeconds: offsetSeconds).local
        if isBusinessDay(date) && secondOfDay < Int32(cutoffHour) * 3600 { return date }
        return businessDay(onOrAfter: date.adding(days: 1))
    }
}
