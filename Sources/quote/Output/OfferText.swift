import QuoteCore

/// `--format text`: the offer to paste into a messenger — at most 60 columns, no box drawing, the total
/// and the date first, then the lines, delivery and terms. Nothing for the manager only.
enum OfferText {
    static let width = 60

    static func render(_ q: Quote, language: Language) -> String {
        let t = OfferLabels.of(language)
        let f = Format(language)
        let m = CLIMessages.renderer(language)
        let dateLabel = q.pickup ? t.pickupDate : t.deliveryDate
        var out = wrap("\(t.title) \(q.quoteId)")
        out += wrap("\(t.total): \(f.money(q.totals.gross))")
        out += wrap("\(dateLabel): \(f.weekdayDate(q.deliveryDate))")
        out += wrap("\(t.validUntil.capitalizedFirst) \(f.moment(q.validUntil))")
        if let city = q.city, !q.pickup { out += wrap("\(language == .ru ? "Город доставки" : "Delivery to"): \(city.name)") }
        out += "\n"
        for (i, l) in q.lines.enumerated() {
            let name = language == .ru ? l.name : l.nameEn
            let qty = l.kind == .deposit ? f.quantity(l.quantity, .pallets) : f.quantity(l.quantity, l.unit.orderUnit)
            out += TextWrap.paragraph("\(i + 1). \(name)", width: width, indent: 3)
            out += TextWrap.paragraph("\(qty) × \(f.unitPrice(l.unitPrice)) = \(f.money(l.net))", width: width, prefix: "   ", indent: 3)
        }
        let sums = OfferSums(q)
        if sums.delivery.kopecks > 0 { out += wrap("\(t.deliveryTotal): \(f.money(sums.delivery))") }
        out += wrap("\(t.net): \(f.money(q.totals.net))")
        out += wrap("\(t.vatIncluded) \(f.percent(q.vatRate)): \(f.money(q.totals.vat))")
        out += wrap("\(t.payment): \(payment(q, t, f))")
        for w in q.warnings where !w.managerOnly { out += TextWrap.paragraph(m.render(w.text), width: width, prefix: "! ", indent: 2) }
        return out
    }

    static func wrap(_ s: String) -> String { TextWrap.paragraph(s, width: width, indent: 2) }

    /// "100 % prepayment" or "within 14 days of delivery, by 2026-12-17".
    static func payment(_ q: Quote, _ t: OfferLabels, _ f: Format) -> String {
        guard !q.payment.isPrepayment else { return t.prepayment }
        let days = f.count(Quantity(whole: Int64(q.payment.creditDays)), .day)
        return "\(t.creditWithin) \(days) \(t.creditBy) \(q.payment.dueDate.map(f.date) ?? "")"
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    var trimmingColon: String { hasSuffix(":") ? String(dropLast()) : self }
}
