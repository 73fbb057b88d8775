/// The production calendar: which days are working days.
///
/// Saturdays and Sundays are days off unless the catalog marks them as working days (a transferred
/// working Saturday); weekdays are working days unless the catalog marks them as holidays.
public struct BusinessCalendar: Sendable {
    /// Non-working weekdays (public holidays and the days they were moved to).
    public var holidays: Set<CivilDate>
    /// Weekend days declared working days.
    public var workingWeekends: Set<CivilDate>

    public init(holidays: Set<CivilDate> = [], workingWeekends: Set<CivilDate> = []) {
        self.holidays = holidays
        self.workingWeekends = workingWeekends
    }

    public func isBusinessDay(_ date: CivilDate) -> Bool {
        if date.weekday.isWeekend { return workingWeekends.contains(date) }
        return !holidays.contains(date)
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
