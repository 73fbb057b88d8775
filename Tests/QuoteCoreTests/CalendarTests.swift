import Testing

@testable import QuoteCore

@Suite struct CalendarTests {
    @Test(arguments: [
        ("1970-01-01", Int32(0), Weekday.thursday), ("2026-01-01", 20_454, .thursday), ("2026-12-01", 20_788, .tuesday),
        ("2028-02-29", 21_243, .tuesday),
    ])
    func civilDates(text: String, day: Int32, weekday: Weekday) throws {
        let d = try #require(CivilDate.parse(Substring(text)))
        #expect(d.day == day)
        #expect(d.weekday == weekday)
        #expect(d.description == text)
    }

    @Test func rejectsImpossibleDates() {
        #expect(CivilDate.parse("2026-02-29") == nil)
        #expect(CivilDate.parse("2026-13-01") == nil)
        #expect(CivilDate.parse("26-12-01") == nil)
    }

    @Test func moments() throws {
        let m = try #require(Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: 0))
        #expect(m.secondsSinceEpoch == 1_796_108_400)  // 2026-12-01 07:00 UTC
        #expect(m.description == "2026-12-01T10:00:00+03:00")
        #expect(m.at(offsetSeconds: 0).description == "2026-12-01T07:00:00Z")
        // Without an offset, the catalog's zone is assumed.
        #expect(Moment.parse("2026-12-01T10:00", defaultOffset: 10_800) == m)
        #expect(Moment.parse("2026-12-01T25:00:00Z", defaultOffset: 0) == nil)
    }

    /// 2026's New Year holidays: Jan 1–9 off (Jan 1, 2, 5–9 are weekdays listed as holidays; Jan 3, 4,
    /// 10, 11 are the weekend), so the first business day is Monday 12 January.
    static let newYear2026 = BusinessCalendar(
        holidays: Set(
            ["2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"].compactMap {
                CivilDate.parse(Substring($0))
            }))

    @Test func businessDaysAcrossNewYear() throws {
        let cal = CalendarTests.newYear2026
        let dec31 = try #require(CivilDate.parse("2026-01-01")).adding(days: -1)  // Wed 2025-12-31
        #expect(cal.isBusinessDay(dec31))
        // One business day after 31 December 2025 is 12 January 2026.
        #expect(cal.adding(businessDays: 1, to: dec31).description == "2026-01-12")
        #expect(cal.adding(businessDays: 2, to: dec31).description == "2026-01-13")
    }

    @Test func cutoffHour() throws {
        let cal = BusinessCalendar()
        // Tuesday 2026-12-01: 13:59 counts that day, 14:00 the next business day (cut-off 14).
        let before = try #require(Moment.parse("2026-12-01T13:59:00+03:00", defaultOffset: 0))
        let after = try #require(Moment.parse("2026-12-01T14:00:00+03:00", defaultOffset: 0))
        #expect(cal.orderDay(for: before, offsetSeconds: 10_800, cutoffHour: 14).description == "2026-12-01")
        #expect(cal.orderDay(for: after, offsetSeconds: 10_800, cutoffHour: 14).description == "2026-12-02")
        // Friday evening → Monday; a moment given in UTC is read in the catalog's zone (+03:00).
        let fridayEvening = try #require(Moment.parse("2026-12-04T12:30:00Z", defaultOffset: 0))  // 15:30 Moscow
        #expect(cal.orderDay(for: fridayEvening, offsetSeconds: 10_800, cutoffHour: 14).description == "2026-12-07")
    }
}
