import QuoteCore

extension CatalogCompiler {
    /// Reads holidays.csv: the public holidays and the weekends worked, no day both, a worked day a weekend's.
    static func readHolidays(_ b: Build) -> BusinessCalendar {
        var holidays = Set<CivilDate>()
        var workdays = Set<CivilDate>()
        for row in b.reader("holidays.csv", ["date", "kind", "name"]).rows {
            guard let date = row.date("date"), let kind = row.text("kind") else { continue }
            switch kind {
            case "holiday":
                // A public holiday on a weekend is listed too: it is no delivery day either.
                if workdays.contains(date) { row.fail("date", Message("holidays.also_workday", .date(date))) }
                holidays.insert(date)
            case "workday":
                if !date.weekday.isWeekend { row.fail("date", Message("holidays.working_day", .date(date), .weekdayOf(date))) }
                if holidays.contains(date) { row.fail("date", Message("holidays.also_holiday", .date(date))) }
                workdays.insert(date)
            default:
                row.fail("kind", Message("holidays.kind", .text(kind)))
            }
        }
        return BusinessCalendar(holidays: holidays, workingWeekends: workdays)
    }
}
