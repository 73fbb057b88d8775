import QuoteCore

/// The quote as a manager reads it: a header, the lines, delivery, totals, dates, warnings and hints.
enum QuoteTable {
    static func render(_ q: Quote) -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        let money = { (m: Money) in FixedPoint.format(m.kopecks, scale: 2, grouping: ",") }
        let qty = { (x: Quantity) in FixedPoint.format(x.milli, scale: 3, trim: true, grouping: ",") }
        let kg = { (grams: Int64) in FixedPoint.format(grams, scale: 3, trim: true, grouping: ",") }

        line("Quote \(q.quoteId) · \(q.catalogName)")
        let destination = q.pickup ? "pickup" : "delivery to \(q.city.map { "\($0.name) (\($0.id))" } ?? "")"
        line("As of \(q.asOf) · valid until \(q.validUntil) · \(destination) · prices in \(q.currency)")
        line()

        var rows: [[String]] = [["#", "SKU", "Product", "Quantity", "Unit price", "Amount"]]
        for (i, l) in q.lines.enumerated() {
            rows.append(["\(i + 1)", l.sku.rawValue, clip(l.nameEn, 44), "\(qty(l.quantity)) \(l.unit.rawValue)", money(l.unitPrice), money(l.net)])
        }
        out += table(rows, rightAligned: [0, 3, 4, 5])
        for (i, l) in q.lines.enumerated() {
            let asked = l.requestedUnit == .squareMetres ? "m² of wall" : l.requestedUnit == .cubicMetres ? "m³" : l.requestedUnit.rawValue
            var note = "  \(i + 1). \(qty(l.requestedQuantity)) \(asked) asked"
            if l.computedQuantity != l.requestedQuantity || l.requestedUnit.rawValue != l.unit.rawValue {
                note += " = \(qty(l.computedQuantity)) \(l.unit.rawValue) needed"
            }
            note += ", \(qty(l.quantity)) \(l.unit.rawValue) sold"
            if l.pallets > 0 { note += " (\(l.pallets) pallet\(l.pallets == 1 ? "" : "s"))" }
            note += ", \(kg(l.weightGrams)) kg"
            for a in l.allocations { note += "; from \(a.sourceName), ready \(a.readyDate)" }
            line(note)
            if let c = l.conversion { line("     \(c)") }
            if !l.otherSKUs.isEmpty {
                let shown = l.otherSKUs.prefix(4).map(\.rawValue).joined(separator: ", ")
                let more = l.otherSKUs.count > 4 ? " and \(l.otherSKUs.count - 4) more" : ""
                line("     \u{201C}\(l.requestedName)\u{201D} is quoted as its default \(l.sku); it also names \(shown)\(more)")
            }
        }
        line()

        if q.shipments.contains(where: { !$0.vehicles.isEmpty }) {
            line("Delivery")
            var rows: [[String]] = []
            for s in q.shipments {
                let trucks = s.vehicles.map { "\($0.count) × \($0.name) (\(money($0.tripPrice)))" }.joined(separator: " + ")
                rows.append(["\(s.sourceName) → \(q.city?.name ?? ""), \(s.distanceKm) km", trucks, "arrives \(s.deliveryDate)", money(s.cost)])
            }
            out += table(rows, rightAligned: [3], header: false)
            line()
        }

        let vatLabel = "VAT \(q.vatRate.percentString) %"
        let totals = [["Net", money(q.totals.net)], [vatLabel, money(q.totals.vat)], ["Total", money(q.totals.gross)]]
        out += table(totals, rightAligned: [1], header: false, indent: 40)
        line()
        let dateLabel = q.pickup ? "Ready for pickup" : "Delivery date"
        line("\(dateLabel): \(q.deliveryDate.weekday.shortName) \(q.deliveryDate) · \(q.totals.pallets) pallets · \(kg(q.totals.weightGrams)) kg")
        line("Payment: prepayment")
        for a in q.alternatives {
            line("Alternative (\(a.strategy.rawValue)): \(money(a.gross)) with VAT, delivered \(a.deliveryDate), from \(a.sources.map(\.rawValue).joined(separator: ", "))")
        }
        if !q.warnings.isEmpty {
            line()
            for w in q.warnings { line("! \(w.message)") }
        }
        if !q.hints.isEmpty {
            line()
            for h in q.hints { line("+ \(h.message)") }
        }
        if !q.explanation.isEmpty {
            line()
            line("Why:")
            for e in q.explanation { line("  " + e) }
        }
        return out
    }

    static func clip(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(width - 1)) + "…"
    }

    /// Columns padded to their widest cell, counting characters (so Cyrillic aligns with Latin).
    static func table(_ rows: [[String]], rightAligned: Set<Int>, header: Bool = true, indent: Int = 2) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, r) in rows.enumerated() {
            var cells: [String] = []
            for (i, c) in r.enumerated() {
                let padding = String(repeating: " ", count: widths[i] - c.count)
                cells.append(rightAligned.contains(i) ? padding + c : c + padding)
            }
            var text = String(repeating: " ", count: indent) + cells.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
            if header && n == 0 {
                out += String(repeating: " ", count: indent) + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }
}
