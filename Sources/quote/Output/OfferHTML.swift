import QuoteCore

/// `--format html`: a self-contained printable commercial offer («коммерческое предложение») — the
/// seller's details, the offer's number and dates, the lines, delivery, totals with VAT as Russian
/// documents write them, payment terms. No scripts, no external files; one A4 page for a short order.
enum OfferHTML {
    static func render(_ q: Quote, language: Language) -> String {
        let t = OfferLabels.of(language)
        let f = Format(language)
        var out = head(q, t)
        out += seller(q, t)
        out += "<h1>\(esc(t.title)) \(t.offerNumber) \(esc(q.quoteId))</h1>\n"
        out +=
            "<p class=\"dates\">\(esc(t.date)): <span data-field=\"asOf\">\(esc(f.date(q.asOf.local.date)))</span> · "
            + "\(esc(t.validity)): <span data-field=\"validUntil\">\(esc(f.moment(q.validUntil)))</span></p>\n"
        if let c = q.customer { out += "<p>\(esc(t.customer)): \(esc(c.name))</p>\n" }
        out += linesTable(q, t, f) + totals(q, t, f) + terms(q, t, f)
        out += "</body>\n</html>\n"
        return out
    }

    static func head(_ q: Quote, _ t: OfferLabels) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(t.title == OfferLabels.ru.title ? "ru" : "en")">
        <head>
        <meta charset="utf-8">
        <title>\(esc(t.title)) \(esc(q.quoteId))</title>
        <style>
        @page { size: A4; margin: 15mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #000; max-width: 180mm; margin: 0 auto; }
        h1 { font-size: 14pt; margin: 6mm 0 2mm; }
        table { border-collapse: collapse; width: 100%; margin: 3mm 0; }
        th, td { border: 1px solid #444; padding: 1.5mm 2mm; vertical-align: top; }
        th { background: #eee; }
        td.n { text-align: right; white-space: nowrap; }
        table.totals { width: auto; margin-left: auto; }
        table.totals td { border: none; padding: 0.5mm 2mm; }
        .seller { border-bottom: 2px solid #000; padding-bottom: 2mm; }
        .muted { color: #444; }
        </style>
        </head>
        <body>

        """
    }

    static func seller(_ q: Quote, _ t: OfferLabels) -> String {
        var out = "<div class=\"seller\"><strong>\(esc(q.seller.name ?? q.catalogName))</strong>"
        if let inn = q.seller.inn { out += "<br>\(esc(t.inn)) \(esc(inn))" }
        if let address = q.seller.address { out += "<br>\(esc(t.address)): \(esc(address))" }
        if let phone = q.seller.phone { out += "<br>\(esc(t.phone)): \(esc(phone))" }
        return out + "</div>\n"
    }

    static func linesTable(_ q: Quote, _ t: OfferLabels, _ f: Format) -> String {
        let c = t.columns
        var out =
            "<table class=\"lines\">\n<tr><th>\(c[0])</th><th>\(esc(c[2]))</th><th>\(esc(c[3]))</th><th>\(esc(c[4]))</th><th>\(esc(c[6]))</th></tr>\n"
        for (i, l) in q.lines.enumerated() {
            let name = f.language == .ru ? l.name : l.nameEn
            let qty = l.kind == .deposit ? f.quantity(l.quantity, .pallets) : f.quantity(l.quantity, l.unit.orderUnit)
            out +=
                "<tr><td class=\"n\">\(i + 1)</td><td>\(esc(name))<br><span class=\"muted\">\(esc(l.sku.rawValue))</span></td>"
                + "<td class=\"n\">\(esc(qty))</td><td class=\"n\">\(esc(f.unitPrice(l.unitPrice)))</td>"
                + "<td class=\"n\" data-field=\"line-net\">\(esc(f.amount(l.net)))</td></tr>\n"
        }
        for s in q.shipments where s.cost.kopecks > 0 {
            let trucks = s.vehicles.map { "\($0.count) × \($0.name)" }.joined(separator: ", ")
            out +=
                "<tr><td></td><td>\(esc(t.delivery)): \(esc(q.city?.name ?? "")), \(esc(trucks)), \(esc(t.arrives)) \(esc(f.date(s.deliveryDate)))</td>"
                + "<td></td><td></td><td class=\"n\" data-field=\"shipment-cost\">\(esc(f.amount(s.cost)))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    static func totals(_ q: Quote, _ t: OfferLabels, _ f: Format) -> String {
        var out = "<table class=\"totals\">\n"
        out += "<tr><td>\(esc(t.net)):</td><td class=\"n\" data-field=\"net\">\(esc(f.money(q.totals.net)))</td></tr>\n"
        out +=
            "<tr><td>\(esc(t.vat)) \(esc(f.percent(q.vatRate))):</td><td class=\"n\" data-field=\"vat\">\(esc(f.money(q.totals.vat)))</td></tr>\n"
        out +=
            "<tr><td><strong>\(esc(t.total)):</strong></td><td class=\"n\"><strong data-field=\"gross\">\(esc(f.money(q.totals.gross)))</strong></td></tr>\n"
        out += "</table>\n"
        out +=
            "<p>\(esc(t.total)): \(esc(f.money(q.totals.gross))), \(esc(t.vatIncluded.lowercasedFirst)) \(esc(f.percent(q.vatRate))): "
            + "\(esc(f.money(q.totals.vat)))."
        if f.language == .ru { out += "<br>\(esc(AmountInWords.rubles(q.totals.gross).capitalizedFirst))" }
        return out + "</p>\n"
    }

    static func terms(_ q: Quote, _ t: OfferLabels, _ f: Format) -> String {
        let dateLabel = q.pickup ? t.pickupDate : t.deliveryDate
        var out = "<p>\(esc(dateLabel)): <span data-field=\"deliveryDate\">\(esc(f.weekdayDate(q.deliveryDate)))</span>"
        out +=
            " · \(esc(f.count(Quantity(whole: q.totals.pallets), .pallet))) · \(esc(f.kilograms(q.totals.weightGrams))) \(esc(f.unitSymbol(.kilograms)))</p>\n"
        out += "<p>\(esc(t.payment)): \(esc(OfferText.payment(q, t, f)))</p>\n"
        let m = CLIMessages.renderer(f.language)
        for w in q.warnings where !w.managerOnly { out += "<p class=\"muted\">\(esc(m.render(w.text)))</p>\n" }
        return out
    }

    /// Text as HTML: `&`, `<`, `>` and quotes escaped.
    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
