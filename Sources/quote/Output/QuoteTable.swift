import QuoteCore

/// The quote as a manager reads it in a terminal: a header, the lines, delivery, totals with VAT, dates,
/// payment terms, the warnings and hints the customer may hear — and then, apart and marked, the notes
/// for the manager only (supplier names, stale stock, credit, the default SKU chosen, costs with
/// `--internal`, `--explain`). Fits `width` columns by wrapping product names, never cutting them.
struct QuoteTable {
    let q: Quote
    let t: OfferLabels
    let f: Format
    let m: MessageRenderer
    let showInternal: Bool
    let width: Int

    static func render(_ q: Quote, language: Language = .en, showInternal: Bool = false, width: Int = 100) -> String {
        let table = QuoteTable(
            q: q, t: .of(language), f: Format(language), m: CLIMessages.renderer(language), showInternal: showInternal,
            width: max(width, 40))
        return table.render()
    }

    var ru: Bool { f.language == .ru }
    var currency: String { ru && q.currency == "RUB" ? "₽" : q.currency }

    func render() -> String {
        var out = header() + "\n" + linesTable() + lineNotes() + "\n"
        let delivery = deliveryTable()
        if !delivery.isEmpty { out += delivery + "\n" }
        out += totalsTable() + "\n" + footer() + notices()
        let notes = ManagerNotes(q: q, t: t, f: f, m: m, showInternal: showInternal, width: width).render()
        if !notes.isEmpty { out += "\n" + notes }
        return out
    }

    func header() -> String {
        let city = q.city.map { ru ? $0.name : "\($0.name) (\($0.id))" } ?? ""
        let destination = q.pickup ? t.pickup : "\(t.deliveryTo) \(city)"
        var out = TextWrap.paragraph("\(t.title) \(q.quoteId) · \(q.catalogName)", width: width, indent: 2)
        out += TextWrap.paragraph(
            "\(t.asOf) \(f.moment(q.asOf)) · \(t.validUntil) \(f.moment(q.validUntil)) · \(destination) · \(t.prices) \(currency)",
            width: width, indent: 2)
        if let c = q.customer { out += "\(t.customer): \(c.name) (\(c.id))\n" }
        return out
    }

    func productName(_ l: Quote.Line) -> String { ru ? l.name : l.nameEn }

    func unitText(_ l: Quote.Line) -> String {
        l.kind == .deposit ? f.quantity(l.quantity, .pallets) : f.quantity(l.quantity, l.unit.orderUnit)
    }

    /// The lines: every column at its widest cell, the product column taking what is left of the width
    /// and wrapping names over lines when it must.
    func linesTable() -> String {
        let discounted = q.lines.contains { $0.discount.basisPoints > 0 }
        var header = t.columns
        if !discounted { header.remove(at: 5) }
        var rows: [[String]] = [header]
        for (i, l) in q.lines.enumerated() {
            var row = ["\(i + 1)", l.sku.rawValue, productName(l), unitText(l), f.unitPrice(l.unitPrice)]
            if discounted { row.append(l.discount.basisPoints > 0 ? f.percent(l.discount) : "") }
            row.append(f.amount(l.net))
            rows.append(row)
        }
        // Too narrow for a SKU column beside a readable name: the SKU goes under the name instead.
        let fixed = rows.map { r in r.enumerated().filter { $0.offset != 2 }.map(\.element.count) }
            .reduce(into: [Int](repeating: 0, count: header.count - 1)) { w, r in for (i, c) in r.enumerated() { w[i] = max(w[i], c) } }
        if fixed.reduce(0, +) + 2 * header.count + 2 + 16 > width {
            rows = rows.enumerated().map { n, r in
                var r = r
                if n > 0 { r[2] += " " + r[1] }
                r.remove(at: 1)
                return r
            }
            let right: Set<Int> = discounted ? [0, 2, 3, 4, 5] : [0, 2, 3, 4]
            return Columns.render(rows, rightAligned: right, wrapping: 1, width: width)
        }
        let right: Set<Int> = discounted ? [0, 3, 4, 5, 6] : [0, 3, 4, 5]
        return Columns.render(rows, rightAligned: right, wrapping: 2, width: width)
    }

    func lineNotes() -> String {
        var out = ""
        for (i, l) in q.lines.enumerated() {
            if l.kind == .deposit {
                out += TextWrap.paragraph(t.depositNote, width: width, prefix: "  \(i + 1). ", indent: 5)
                continue
            }
            let asked =
                l.requestedUnit == .squareMetres
                ? "\(f.number(l.requestedQuantity)) \(t.squareMetresOfWall)" : f.quantity(l.requestedQuantity, l.requestedUnit)
            var note = "\(asked) \(t.asked)"
            if l.computedQuantity != l.requestedQuantity || l.requestedUnit.rawValue != l.unit.rawValue {
                note += " = \(f.quantity(l.computedQuantity, l.unit.orderUnit)) \(t.needed)"
            }
            note += ", \(f.quantity(l.quantity, l.unit.orderUnit)) \(t.sold)"
            if l.pallets > 0 { note += " (\(f.count(Quantity(whole: l.pallets), .pallet)))" }
            note += ", \(f.kilograms(l.weightGrams)) \(f.unitSymbol(.kilograms))"
            for a in l.allocations {
                note += "; \(t.from) \(m.render(Message(.plain, a.customerSourceName))), \(t.ready) \(f.date(a.readyDate))"
            }
            out += TextWrap.paragraph(note, width: width, prefix: "  \(i + 1). ", indent: 5)
            if let c = l.conversion { out += TextWrap.paragraph(m.render(c), width: width, prefix: "     ", indent: 5) }
        }
        return out
    }

    func deliveryTable() -> String {
        guard q.shipments.contains(where: { !$0.vehicles.isEmpty }) else { return "" }
        var rows: [[String]] = []
        for s in q.shipments {
            let trucks = s.vehicles.map { "\($0.count) × \($0.name) (\(f.amount($0.tripPrice)))" }.joined(separator: " + ")
            let route = "\(m.render(Message(.plain, s.customerSourceName))) → \(q.city?.name ?? ""), \(s.distanceKm) \(t.km)"
            rows.append([route, trucks, "\(t.arrives) \(f.date(s.deliveryDate))", f.amount(s.cost)])
        }
        let one = Columns.render(rows, rightAligned: [3], header: false, width: Int.max)
        if one.split(separator: "\n").allSatisfy({ $0.count <= width }) { return t.delivery + "\n" + one }
        // Too wide for one line each: the route, date and price, then the trucks under it.
        var out = t.delivery + "\n"
        for r in rows {
            out += TextWrap.paragraph("\(r[0]) · \(r[2]) · \(r[3])", width: width, prefix: "  ", indent: 4)
            out += TextWrap.paragraph(r[1], width: width, prefix: "    ", indent: 4)
        }
        return out
    }

    /// Totals as the sums of what is printed above, so they re-add on a calculator.
    func totalsTable() -> String {
        let s = OfferSums(q)
        var totals = [[t.goods, f.amount(s.goods)]]
        if s.delivery.kopecks > 0 { totals.append([t.deliveryTotal, f.amount(s.delivery)]) }
        if s.deposits.kopecks > 0 { totals.append([t.deposit, f.amount(s.deposits)]) }
        totals += [
            [t.net, f.amount(q.totals.net)], ["\(t.vat) \(f.percent(q.vatRate))", f.amount(q.totals.vat)],
            ["\(t.total), \(currency)", f.amount(q.totals.gross)],
        ]
        let block = Columns.render(totals, rightAligned: [1], header: false, indent: 0, width: Int.max)
        let blockWidth = block.split(separator: "\n").map(\.count).max() ?? 0
        let indent = max(2, min(40, width - blockWidth))
        return block.split(separator: "\n").map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n") + "\n"
    }

    func footer() -> String {
        let dateLabel = q.pickup ? t.pickupDate : t.deliveryDate
        var out = TextWrap.paragraph(
            "\(dateLabel): \(f.weekdayDate(q.deliveryDate)) · \(f.count(Quantity(whole: q.totals.pallets), .pallet)) · "
                + "\(f.kilograms(q.totals.weightGrams)) \(f.unitSymbol(.kilograms))", width: width, indent: 2)
        out += "\(t.payment): \(OfferText.payment(q, t, f))\n"
        for a in q.alternatives {
            out += TextWrap.paragraph(
                "\(t.alternative) (\(f.strategy(a.strategy))): \(f.money(a.gross)) \(t.withVAT), \(t.delivered) \(f.date(a.deliveryDate))",
                width: width, indent: 2)
        }
        return out
    }

    /// The warnings and hints the customer may hear (the manager's own are in `ManagerNotes`).
    func notices() -> String {
        var out = ""
        let warnings = q.warnings.filter { !$0.managerOnly }
        if !warnings.isEmpty {
            out +=
                "\n"
                + warnings.map { TextWrap.paragraph(m.render($0.text).capitalizedFirst, width: width, prefix: "! ", indent: 2) }.joined()
        }
        if !q.hints.isEmpty {
            out +=
                "\n"
                + q.hints.map { TextWrap.paragraph(m.render($0.text).capitalizedFirst, width: width, prefix: "+ ", indent: 2) }.joined()
        }
        return out
    }
}
