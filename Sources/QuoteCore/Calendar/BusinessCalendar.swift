/// The production calendar: which days are working days.
///
/// Saturdays and Sundays are days off unless the catalog marks them as working days (a transferred
/// working Saturday); weekdays are working days unless the catalog marks them as holidays.
///
/// Looked up on every date a quote computes, so the exceptions are kept as a bitmap over the days
/// they span (one bit a day): a lookup is a shift and a mask, not a hash.
public struct BusinessCalendar: Sendable {
    /// Non-working weekdays (public holidays and the days they were moved to).
    public var holidays: Set<CivilDate> { didSet { index() } }
    /// Weekend days declared working days.
    public var workingWeekends: Set<CivilDate> { didSet { index() } }

    /// Bit `d - firstDay` is set when day `d` is an exception to the weekday rule.
    private var exceptions: [UInt64] = []
    private var firstDay: Int32 = 0

    public init(holidays: Set<CivilDate> = [], workingWeekends: Set<CivilDate> = []) {
        self.holidays = holidays
        self.workingWeekends = workingWeekends
        index()
    }

    private mutating func index() {
        let all = holidays.union(workingWeekends)
        guard let lo = all.min(), let hi = all.max() else {
            exceptions = []
            return
        }
        firstDay = lo.day
        exceptions = [UInt64](repeating: 0, count: Int(hi.day - lo.day) / 64 + 1)
        for d in all {
            let offset = Int(d.day - lo.day)
            exceptions[offset >> 6] |= 1 << UInt64(offset & 63)
        }
    }

    /// Whether `date` is listed as a holiday (on a weekday) or a working weekend day.
    private func isException(_ date: CivilDate) -> Bool {
        let offset = Int(date.day) - Int(firstDay)
        guard offset >= 0, offset >> 6 < exceptions.count else { return false }
        return exceptions[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    public func isBusinessDay(_ date: CivilDate) -> Bool {
        date.weekday.isWeekend == isException(date)
    }

    /// Whether `date` is a public holiday (a listed non-working weekday).
    public func isHoliday(_ date: CivilDate) -> Bool {
        !date.weekday.isWeekend && isException(date)
    }

    /// The first business day on or after `date`.
    public func businessDay(onOrAfter date: CivilDate) -> CivilDate {
        var d = date
        // A run of days off is never longer than the New Year holidays; 60 is a generous bound.
        for _ in 0..<60 where !isBusinessDay(d) { d = d.adding(days: 1) }
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
