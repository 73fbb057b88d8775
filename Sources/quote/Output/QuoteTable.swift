import QuoteCore

/// The quote as a commercial offer a manager can send: a header, the lines, delivery, totals with
/// VAT, dates, payment terms, warnings and hints, in English or Russian.
enum QuoteTable {
    enum Language: String {
        case en, ru
    }

    /// The words of the offer in each language.
    struct Labels: Sendable {
        var title, date, validUntil, customer, none, deliveryTo, pickup, prices: String
        var columns: [String]
        var asked, needed, sold, pallets, from, ready, alsoNames, andMore, depositNote: String
        var delivery, arrives, goods, deliveryTotal, deposit, net, vat, total: String
        var deliveryDate, pickupDate, payment, prepayment: String
        var credit: @Sendable (Int) -> String
        var alternative, withVAT, delivered, warnings, hints, why, internalView, cost, margin: String

        static let en = Labels(
            title: "Quote", date: "As of", validUntil: "valid until", customer: "Customer", none: "—", deliveryTo: "delivery to",
            pickup: "pickup", prices: "prices in",
            columns: ["#", "SKU", "Product", "Quantity", "Unit price", "Discount", "Amount"],
            asked: "asked", needed: "needed", sold: "sold", pallets: "pallets", from: "from", ready: "ready",
            alsoNames: "is quoted as its default", andMore: "more", depositNote: "deposit, refunded when the pallets come back; no VAT",
            delivery: "Delivery", arrives: "arrives", goods: "Goods", deliveryTotal: "Delivery", deposit: "Pallet deposit",
            net: "Net", vat: "VAT", total: "Total", deliveryDate: "Delivery date", pickupDate: "Ready for pickup",
            payment: "Payment", prepayment: "100 % prepayment", credit: { "within \($0) days of delivery, by" },
            alternative: "Alternative", withVAT: "with VAT", delivered: "delivered", warnings: "Warnings", hints: "Hints",
            why: "Why", internalView: "Internal (not for the customer)", cost: "cost", margin: "margin")

        static let ru = Labels(
            title: "Коммерческое предложение", date: "Дата", validUntil: "действительно до", customer: "Покупатель", none: "—",
            deliveryTo: "доставка:", pickup: "самовывоз", prices: "цены в",
            columns: ["№", "Артикул", "Товар", "Кол-во", "Цена", "Скидка", "Сумма"],
            asked: "запрошено", needed: "требуется", sold: "продаётся", pallets: "поддонов", from: "со склада", ready: "готово",
            alsoNames: "— выбран основной артикул", andMore: "ещё", depositNote: "залог, возвращается при возврате поддонов; без НДС",
            delivery: "Доставка", arrives: "прибытие", goods: "Товары", deliveryTotal: "Доставка", deposit: "Залог за поддоны",
            net: "Итого без НДС", vat: "НДС", total: "Всего с НДС", deliveryDate: "Дата доставки", pickupDate: "Готово к самовывозу",
            payment: "Оплата", prepayment: "100 % предоплата", credit: { "в течение \($0) дн. после доставки, до" },
            alternative: "Вариант", withVAT: "с НДС", delivered: "доставка", warnings: "Внимание", hints: "Подсказки",
            why: "Почему так", internalView: "Внутреннее (не для клиента)", cost: "себестоимость", margin: "маржа")
    }

    static func render(_ q: Quote, language: Language = .en, showInternal: Bool = false) -> String {
        let t = language == .ru ? Labels.ru : Labels.en
        let ru = language == .ru
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        func money(_ m: Money) -> String {
            ru ? FixedPoint.format(m.kopecks, scale: 2, grouping: " ", point: ",") : FixedPoint.format(m.kopecks, scale: 2, grouping: ",")
        }
        // A unit price as the list states it: "17.575", or "17,575.00/1000" for a price per thousand.
        func price(_ p: UnitPrice) -> String {
            let text = p.per == 1 ? p.decimalString : p.statedString
            guard case .success(let units) = FixedPoint.parse(Substring(text), scale: 4) else { return text }
            let decimals = text.split(separator: ".").last.map { $0.count } ?? 2
            var formatted = ru
                ? FixedPoint.format(units, scale: 4, grouping: " ", point: ",") : FixedPoint.format(units, scale: 4, grouping: ",")
            formatted.removeLast(4 - min(decimals, 4))
            return p.per == 1 ? formatted : "\(formatted)/\(p.per)"
        }
        func qty(_ x: Quantity) -> String {
            ru ? FixedPoint.format(x.milli, scale: 3, trim: true, grouping: " ", point: ",") : FixedPoint.format(x.milli, scale: 3, trim: true, grouping: ",")
        }
        func kg(_ grams: Int64) -> String { qty(Quantity(milli: grams)) }
        func unit(_ u: String) -> String {
            guard ru else { return u }
            return ["pcs": "шт", "bag": "меш", "t": "т", "pal": "под", "kg": "кг", "m3": "м³", "m2": "м²"][u] ?? u
        }
        let currency = ru && q.currency == "RUB" ? "₽" : q.currency

        line("\(t.title) \(q.quoteId) · \(q.catalogName)")
        let destination = q.pickup ? t.pickup : "\(t.deliveryTo) \(q.city.map { ru ? $0.name : "\($0.name) (\($0.id))" } ?? "")"
        line("\(t.date) \(q.asOf) · \(t.validUntil) \(q.validUntil) · \(destination) · \(t.prices) \(currency)")
        if let c = q.customer { line("\(t.customer): \(c.name) (\(c.id))") }
        line()

        let discounted = q.lines.contains { $0.discount.basisPoints > 0 }
        var header = t.columns
        if !discounted { header.remove(at: 5) }
        var rows: [[String]] = [header]
        for (i, l) in q.lines.enumerated() {
            let u = l.kind == .deposit ? unit("pal") : unit(l.unit.rawValue)
            var row = ["\(i + 1)", l.sku.rawValue, clip(ru ? l.name : l.nameEn, 44), "\(qty(l.quantity)) \(u)", price(l.unitPrice)]
            if discounted { row.append(l.discount.basisPoints > 0 ? "\(l.discount.percentString) %" : "") }
            row.append(money(l.net))
            rows.append(row)
        }
        out += table(rows, rightAligned: discounted ? [0, 3, 4, 5, 6] : [0, 3, 4, 5])
        for (i, l) in q.lines.enumerated() {
            if l.kind == .deposit {
                line("  \(i + 1). \(t.depositNote)")
                continue
            }
            let asked = l.requestedUnit == .squareMetres ? (ru ? "м² стены" : "m² of wall") : unit(l.requestedUnit.rawValue)
            var note = "  \(i + 1). \(qty(l.requestedQuantity)) \(asked) \(t.asked)"
            if l.computedQuantity != l.requestedQuantity || l.requestedUnit.rawValue != l.unit.rawValue {
                note += " = \(qty(l.computedQuantity)) \(unit(l.unit.rawValue)) \(t.needed)"
            }
            note += ", \(qty(l.quantity)) \(unit(l.unit.rawValue)) \(t.sold)"
            if l.pallets > 0 { note += " (\(l.pallets) \(t.pallets))" }
            note += ", \(kg(l.weightGrams)) \(unit("kg"))"
            for a in l.allocations { note += "; \(t.from) \(a.sourceName), \(t.ready) \(a.readyDate)" }
            line(note)
            if let c = l.conversion { line("     \(c)") }
            if !l.otherSKUs.isEmpty {
                let shown = l.otherSKUs.prefix(4).map(\.rawValue).joined(separator: ", ")
                let more = l.otherSKUs.count > 4 ? " + \(l.otherSKUs.count - 4) \(t.andMore)" : ""
                line("     \u{201C}\(l.requestedName)\u{201D} \(t.alsoNames) \(l.sku); \(ru ? "также" : "it also names") \(shown)\(more)")
            }
        }
        line()

        if q.shipments.contains(where: { !$0.vehicles.isEmpty }) {
            line(t.delivery)
            var rows: [[String]] = []
            for s in q.shipments {
                let trucks = s.vehicles.map { "\($0.count) × \($0.name) (\(money($0.tripPrice)))" }.joined(separator: " + ")
                rows.append(["\(s.sourceName) → \(q.city?.name ?? ""), \(s.distanceKm) \(ru ? "км" : "km")", trucks, "\(t.arrives) \(s.deliveryDate)", money(s.cost)])
            }
            out += table(rows, rightAligned: [3], header: false)
            line()
        }

        // Totals as the sums of what is printed above, so they re-add on a calculator.
        let goods = q.lines.filter { $0.kind == .goods }.reduce(Int64(0)) { $0 + $1.net.kopecks }
        let deposits = q.lines.filter { $0.kind == .deposit }.reduce(Int64(0)) { $0 + $1.net.kopecks }
        let delivery = q.shipments.reduce(Int64(0)) { $0 + $1.cost.kopecks }
        var totals = [[t.goods, money(Money(kopecks: goods))]]
        if delivery > 0 { totals.append([t.deliveryTotal, money(Money(kopecks: delivery))]) }
        if deposits > 0 { totals.append([t.deposit, money(Money(kopecks: deposits))]) }
        totals += [
            [t.net, money(q.totals.net)], ["\(t.vat) \(q.vatRate.percentString) %", money(q.totals.vat)],
            ["\(t.total), \(currency)", money(q.totals.gross)],
        ]
        out += table(totals, rightAligned: [1], header: false, indent: 40)
        line()
        let dateLabel = q.pickup ? t.pickupDate : t.deliveryDate
        let weekday = ru ? q.deliveryDate.weekday.shortNameRussian : q.deliveryDate.weekday.shortName
        line("\(dateLabel): \(weekday) \(q.deliveryDate) · \(q.totals.pallets) \(t.pallets) · \(kg(q.totals.weightGrams)) \(unit("kg"))")
        if q.payment.isPrepayment {
            line("\(t.payment): \(t.prepayment)")
        } else {
            line("\(t.payment): \(t.credit(q.payment.creditDays)) \(q.payment.dueDate?.description ?? "")")
        }
        for a in q.alternatives {
            line("\(t.alternative) (\(a.strategy.rawValue)): \(money(a.gross)) \(t.withVAT), \(t.delivered) \(a.deliveryDate), \(a.sources.map(\.rawValue).joined(separator: ", "))")
        }
        let warnings = q.warnings + (showInternal ? q.internalWarnings : [])
        if !warnings.isEmpty {
            line()
            for w in warnings { line("! \(w.message)") }
        }
        if !q.hints.isEmpty {
            line()
            for h in q.hints { line("+ \(h.message)") }
        }
        if showInternal {
            line()
            line("\(t.internalView):")
            for l in q.lines where l.kind == .goods {
                line("  \(l.sku): \(t.cost) \(money(l.cost)), \(t.margin) \(money(l.margin)) (\(l.marginPercent) %)")
            }
        }
        if !q.explanation.isEmpty {
            line()
            line("\(t.why):")
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
