import QuoteCore

/// Which saved quotes need a call today (`quote list --follow-up`), by the catalog's business calendar:
/// - an open quote whose validity ends within a business day (before this time on the next business day);
/// - a quote with no status once `days` business days have passed since the day it was issued.
public struct FollowUp: Sendable {
    public enum Reason: String, Sendable {
        /// Still open, and its validity ends within a business day.
        case expiring
        /// No outcome recorded `days` business days after it was issued.
        case noAnswer = "no_answer"
    }

    public var calendar: BusinessCalendar
    /// Business days after issue without a status before a call is due (the catalog's `follow_up_business_days`).
    public var days: Int
    public var now: Moment
    /// The catalog's UTC offset: business days are the catalog's local days.
    public var offsetSeconds: Int32

    public init(calendar: BusinessCalendar, days: Int, now: Moment, offsetSeconds: Int32) {
        self.calendar = calendar
        self.days = days
        self.now = now
        self.offsetSeconds = offsetSeconds
    }

    /// The same local time on the next business day after today: an open quote valid until before it
    /// expires within a business day. From Friday 10:00 it is Monday 10:00 (the next working day after
    /// a holiday run).
    public var expiringBy: Moment {
        let (today, second) = now.at(offsetSeconds: offsetSeconds).local
        let next = calendar.businessDay(onOrAfter: today.adding(days: 1))
        return Moment(date: next, secondOfDay: second, offsetSeconds: offsetSeconds)
    }

    /// The day a quote issued at `issued` (its `asOf`) is due a call when it has no status: `days` business
    /// days after the business day it was issued on (a quote issued on a day off counts from the next one).
    public func dueDay(issued moment: Moment) -> CivilDate {
        let issued = calendar.businessDay(onOrAfter: moment.at(offsetSeconds: offsetSeconds).local.date)
        return calendar.adding(businessDays: days, to: issued)
    }

    /// Why `q` needs a call today, or nil.
    public func reason(_ q: SavedQuote) -> Reason? {
        guard !q.isDecided else { return nil }
        if q.validUntil > now && q.validUntil <= expiringBy { return .expiring }
        if dueDay(issued: q.asOf) <= now.at(offsetSeconds: offsetSeconds).local.date { return .noAnswer }
        return nil
    }
}
