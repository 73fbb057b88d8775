import QuoteCore

/// What saved quotes need of the catalog a front end quotes against: its version (kept with each
/// quote), its business calendar and the follow-up setting (`quote list --follow-up`).
extension CatalogStore {
    /// The catalog's version, as the quote id hashes it.
    public var catalogVersion: String { base.version }

    /// The catalog's business calendar (holidays and working weekends).
    public var calendar: BusinessCalendar { base.calendar }

    public var settings: CatalogSettings { base.settings }
}
