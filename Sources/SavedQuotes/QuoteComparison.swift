import QuoteCore

/// A saved quote beside the same request priced again (`quote requote`): row by row, what it said then
/// and what it says today — each line's quantity, price, amount and sources with their dates, the
/// delivery, the dates, validity and the totals.
public struct QuoteComparison: Sendable {
    public struct Row: Sendable, Equatable {
        /// A line's SKU, `delivery`, `dates` or `totals`.
        public var section: String
        public var what: String
        /// nil: not in that quote.
        public var issued: String?
        public var today: String?
        /// For amounts: today − issued ("+3528.00").
        public var difference: String?
        public var changed: Bool { issued != today }
    }

    public var issued: Quote
    public var today: Quote
    public var rows: [Row] = []

    public init(issued: Quote, today: Quote) {
        self.issued = issued
        self.today = today
        rows = lineRows() + deliveryRows() + summaryRows()
    }

    /// Whether anything differs.
    public var hasChanges: Bool { rows.contains(where: \.changed) }

    func lineRows() -> [Row] {
        var skus: [SKU] = issued.lines.map(\.sku)
        for l in today.lines where !skus.contains(l.sku) { skus.append(l.sku) }
        var rows: [Row] = []
        for sku in skus {
            let a = issued.lines.first { $0.sku == sku }
            let b = today.lines.first { $0.sku == sku }
            let section = sku.rawValue
            rows.append(
                Row(
                    section: section, what: "quantity", issued: a.map { "\($0.quantity.decimalString) \($0.unit.rawValue)" },
                    today: b.map { "\($0.quantity.decimalString) \($0.unit.rawValue)" }))
            rows.append(Row(section: section, what: "unit price", issued: a?.unitPrice.decimalString, today: b?.unitPrice.decimalString))
            rows.append(Self.money(section, "amount", a?.net, b?.net))
            rows.append(Row(section: section, what: "from", issued: a.map(Self.sources), today: b.map(Self.sources)))
            let shortA = a.map { $0.shortQuantity.milli > 0 ? "short \($0.shortQuantity.decimalString)" : "complete" }
            let shortB = b.map { $0.shortQuantity.milli > 0 ? "short \($0.shortQuantity.decimalString)" : "complete" }
            rows.append(Row(section: section, what: "availability", issued: shortA ?? "not quoted", today: shortB ?? "not quoted"))
        }
        return rows
    }

    /// "PL-TVER 5040 ready 2026-12-03 + WH-KHIMKI 420 ready 2026-12-01".
    static func sources(_ l: Quote.Line) -> String {
        guard !l.allocations.isEmpty else { return "—" }
        return l.allocations.map { "\($0.source) \($0.quantity.decimalString) ready \($0.readyDate)" }.joined(separator: " + ")
    }

    func deliveryRows() -> [Row] {
        func trips(_ q: Quote) -> String {
            let s = q.shipments.map { s in "\(s.source): " + s.vehicles.map { "\($0.count)×\($0.vehicle)" }.joined(separator: "+") }
            return s.isEmpty ? "—" : s.joined(separator: "; ")
        }
        func cost(_ q: Quote) -> Money { Money(kopecks: q.shipments.reduce(Int64(0)) { $0 + $1.cost.kopecks }) }
        return [
            Row(section: "delivery", what: "trucks", issued: trips(issued), today: trips(today)),
            Self.money("delivery", "cost", cost(issued), cost(today)),
        ]
    }

    func summaryRows() -> [Row] {
        func codes(_ q: Quote) -> String { q.warnings.isEmpty ? "—" : q.warnings.map(\.code).joined(separator: ", ") }
        return [
            Row(section: "dates", what: "delivery date", issued: issued.deliveryDate.description, today: today.deliveryDate.description),
            Row(section: "dates", what: "valid until", issued: issued.validUntil.description, today: today.validUntil.description),
            Row(section: "dates", what: "warnings", issued: codes(issued), today: codes(today)),
            Self.money("totals", "net", issued.totals.net, today.totals.net),
            Self.money("totals", "VAT", issued.totals.vat, today.totals.vat),
            Self.money("totals", "total", issued.totals.gross, today.totals.gross),
        ]
    }

    static func money(_ section: String, _ what: String, _ a: Money?, _ b: Money?) -> Row {
        var difference: String?
        if let a, let b, a != b, let d = b.subtracting(a) { difference = (d.kopecks > 0 ? "+" : "") + d.decimalString }
        return Row(section: section, what: what, issued: a?.decimalString, today: b?.decimalString, difference: difference)
    }

    /// `{"quoteId":…,"requoteId":…,"changed":true,"changes":[{"section","what","issued","today","difference"}]}`:
    /// only the rows that differ.
    public func json(issuedResponse: String, todayResponse: String) -> String {
        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        w.string("quoteId", issued.quoteId)
        w.string("requoteId", today.quoteId)
        w.bool("changed", hasChanges)
        w.beginArray("changes")
        for r in rows where r.changed {
            w.beginObject()
            w.string("section", r.section)
            w.string("what", r.what)
            w.string("issued", r.issued)
            w.string("today", r.today)
            if let d = r.difference { w.string("difference", d) }
            w.endObject()
        }
        w.endArray()
        w.raw("issued", issuedResponse)
        w.raw("today", todayResponse)
        w.endObject()
        return w.text
    }
}
