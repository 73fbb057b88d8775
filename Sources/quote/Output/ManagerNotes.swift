import QuoteCore

/// What only the manager may see, printed after the offer under its own heading and never in the text
/// or HTML offers: the manager-only warnings (stale stock, credit limit, search limits, an expired price
/// list), the default SKU chosen for a family name, the sources by their own names, the customer's
/// credit, and with `--internal` the costs and margins; `--explain` last.
struct ManagerNotes {
    let q: Quote
    let t: OfferLabels
    let f: Format
    let m: MessageRenderer
    let showInternal: Bool
    let width: Int

    func render() -> String {
        var out = warnings() + defaultSKUs() + sources() + credit()
        if showInternal { out += internalView() }
        out += explanation()
        guard !out.isEmpty else { return "" }
        return "── \(t.managerNotes) ──\n" + out
    }

    func paragraph(_ text: String, prefix: String = "  ", indent: Int = 4) -> String {
        TextWrap.paragraph(text, width: width, prefix: prefix, indent: indent)
    }

    func warnings() -> String {
        q.warnings.filter(\.managerOnly).map { paragraph(m.render($0.text).capitalizedFirst, prefix: "! ", indent: 2) }.joined()
    }

    func defaultSKUs() -> String {
        var out = ""
        for l in q.lines where !l.otherSKUs.isEmpty {
            let shown = l.otherSKUs.prefix(4).map(\.rawValue).joined(separator: ", ")
            let rest = l.otherSKUs.count - 4
            let more = rest > 0 ? (f.language == .ru ? " и ещё \(rest)" : " + \(rest) \(t.andMore)") : ""
            let name = f.language == .ru ? "«\(l.requestedName)»" : "\u{201C}\(l.requestedName)\u{201D}"
            out += paragraph("\(name) \(t.defaultSKU) \(l.sku); \(t.alsoNames) \(shown)\(more)")
        }
        return out
    }

    /// Where each line really comes from, by the source's own name (a supplier's name is not for the customer).
    func sources() -> String {
        var out = ""
        for (i, l) in q.lines.enumerated() {
            for a in l.allocations {
                out += paragraph(
                    "\(i + 1). \(l.sku) ← \(a.source) \(a.sourceName): \(f.quantity(a.quantity, l.unit.orderUnit)), \(t.ready) \(f.date(a.readyDate))",
                    indent: 6)
            }
        }
        for a in q.alternatives {
            out += paragraph("\(t.alternative) (\(f.strategy(a.strategy))): \(a.sources.map(\.rawValue).joined(separator: ", "))")
        }
        return out.isEmpty ? "" : "\(t.managerSources):\n" + out
    }

    func credit() -> String {
        guard let limit = q.payment.creditLimit, let after = q.payment.creditAvailableAfter else { return "" }
        return paragraph("\(t.credit) \(f.money(limit)); \(t.creditAfter): \(f.money(after))", prefix: "", indent: 2)
    }

    func internalView() -> String {
        var out = "\(t.internalView):\n"
        for l in q.lines where l.kind == .goods {
            out +=
                "  \(l.sku): \(t.cost) \(f.money(l.cost)), \(t.margin) \(f.money(l.margin)) (\(l.marginPercent.replacingDecimalPoint(f)) %)\n"
        }
        out += q.internalWarnings.map { paragraph(m.render($0.text), prefix: "! ", indent: 2) }.joined()
        return out
    }

    func explanation() -> String {
        guard !q.explanation.isEmpty else { return "" }
        return "\(t.why):\n"
            + q.explanation.map { e in
                let text = m.render(e)
                let nested = text.hasPrefix("  ")
                return paragraph(String(text.drop { $0 == " " }), prefix: nested ? "    " : "  ", indent: nested ? 6 : 4)
            }.joined()
    }
}

extension String {
    /// "12.4" as the language writes it ("12,4" in Russian).
    func replacingDecimalPoint(_ f: Format) -> String {
        f.language == .ru ? String(map { $0 == "." ? "," : $0 }) : self
    }
}
