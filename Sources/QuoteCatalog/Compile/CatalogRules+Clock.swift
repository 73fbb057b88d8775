import QuoteCore

extension CatalogRules {
    /// The clock: stale stock, an expired price list, no VAT rate, at `asOf`.
    static func checkClock(_ c: Catalog, asOf: Moment, _ found: inout Findings) {
        let rows = found.rows
        let limit = Int64(c.settings.stockFreshnessHours) * 3_600
        for id in c.sources.keys.sorted() {
            guard let src = c.sources[id] else { continue }
            let age = asOf.secondsSinceEpoch - src.stockAsOf.secondsSinceEpoch
            if age > limit {
                found.warning(
                    rows.issue(
                        "sources", [id.rawValue], column: "stock_as_of",
                        Message(
                            "rules.stale_stock", .text(id.rawValue), .moment(src.stockAsOf), duration(age), .moment(asOf),
                            .verbatim(String(c.settings.stockFreshnessHours)))))
            } else if age < -3_600 {
                found.warning(
                    rows.issue(
                        "sources", [id.rawValue], column: "stock_as_of",
                        Message("rules.future_stock", .text(id.rawValue), .moment(src.stockAsOf), duration(-age), .moment(asOf))))
            }
        }
        let today = asOf.at(offsetSeconds: c.settings.utcOffsetSeconds).local.date
        if let until = c.settings.priceListValidUntil, until < today {
            found.warning(
                rows.issue(
                    "settings", ["price_list_valid_until"], column: "value",
                    Message("rules.price_list_expired", .date(until), .date(today))))
        }
        if c.vat.rate(on: today) == nil, let first = c.vat.rates.first {
            found.warning(
                rows.issue(
                    "vat", [first.from.description], column: "effective_from",
                    Message("rules.no_vat_rate", .date(today), .date(first.from))))
        }
    }
}
