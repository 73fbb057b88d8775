import QuoteCore
import SavedQuotes
import Testing

/// When a saved quote needs a call, by the catalog's business calendar (the demo's: the Russian production calendar).
@Suite struct FollowUpTests {
    // A literal the test writes, so it parses.
    // swift-format-ignore: NeverForceUnwrap
    static func moment(_ text: String) -> Moment { Moment.parse(Substring(text), defaultOffset: 10_800)! }

    static func follow(_ now: String, days: Int = 3) -> FollowUp {
        FollowUp(calendar: Demo.catalog.calendar, days: days, now: moment(now), offsetSeconds: 10_800)
    }

    /// "Within a business day" is until the same time on the next business day: from Friday 2026-12-04 10:00,
    /// Monday 2026-12-07 10:00; from Tuesday 2025-12-30 10:00 (the 31st a day off, then the New Year holidays
    /// to 9 January and a weekend), Monday 2026-01-12 10:00 — not the next calendar day.
    @Test(arguments: [
        ("2026-12-04T10:00:00+03:00", "2026-12-07T10:00:00+03:00"),
        ("2026-12-01T16:30:00+03:00", "2026-12-02T16:30:00+03:00"),
        ("2025-12-30T10:00:00+03:00", "2026-01-12T10:00:00+03:00"),
    ])
    func expiringMeansBeforeTheSameTimeNextBusinessDay(_ now: String, _ by: String) {
        #expect(Self.follow(now).expiringBy == Self.moment(by))
    }

    /// No answer N business days after issue: issued Tuesday 2025-12-30, 3 business days are 12, 13 and
    /// 14 January 2026 (31 December and 1–9 January are days off, 10–11 a weekend); issued on Saturday
    /// 2026-12-05, the count starts on Monday the 7th: 8, 9, 10 December.
    @Test(arguments: [
        ("2025-12-30T10:00:00+03:00", "2026-01-14"),
        ("2026-12-05T12:00:00+03:00", "2026-12-10"),
        ("2026-12-01T10:00:00+03:00", "2026-12-04"),
    ])
    func dueDayCountsBusinessDays(_ issued: String, _ due: String) {
        #expect(Self.follow(issued).dueDay(issued: Self.moment(issued)) == CivilDate.parse(Substring(due)))
    }
}
