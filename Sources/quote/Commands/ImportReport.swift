import QuoteCatalog
import QuoteCore

/// What `quote catalog import` prints: the summary line, each change for a dry run, and what was done with
/// the SKUs the file does not list — in the keeper's language (`CLIMessages+Commands`: `cli.import.report.*`).
enum ImportReport {
    static func text(_ o: CatalogImport.Outcome, file: String, _ m: MessageRenderer = CLIMessages.renderer(.en)) -> String {
        var text = o.dryRun ? dryRunHead(o, file: file, m) : summary(o, file: file, m)
        if let mapping = o.mapping { text += m.render(Message("cli.import.report.mapped", .text(mapping))) + "\n" }
        if !o.missing.isEmpty {
            let what: MessageKey
            switch o.missingPolicy {
            case .keep: what = "cli.import.report.kept"
            case .zero: what = "cli.import.report.zeroed"
            case .remove: what = "cli.import.report.removed"
            }
            let skus = o.missing.prefix(5).map(\.rawValue).joined(separator: ", ") + (o.missing.count > 5 ? ", …" : "")
            text +=
                m.render(
                    Message(
                        "cli.import.report.missing", count(o.missing.count, .sku), .text(o.source.rawValue), .verbatim(skus),
                        .message(Message(o.dryRun ? "cli.import.report.would_be" : "cli.import.report.were")), .message(Message(what))))
                + "\n"
        }
        return text
    }

    static func summary(_ o: CatalogImport.Outcome, file: String, _ m: MessageRenderer) -> String {
        let folder = o.folder.map { Message("cli.import.report.and_folder", .text($0)) } ?? .empty
        let priced = o.changes.filter { $0.priceBefore != $0.priceAfter }.map(\.sku)
        let prices =
            priced.isEmpty ? Message.empty : Message("cli.import.report.prices_changed", count(priced.count, .listPrice), list(priced))
        return m.render(
            Message(
                "cli.import.report.summary", .text(file), .text(o.source.rawValue), .text(o.database), .message(folder),
                count(o.rows, .row),
                .verbatim(String(o.changed.count)), list(o.changed), .verbatim(String(o.added.count)), list(o.added),
                .verbatim(String(o.removed.count)), list(o.removed), .message(prices), .moment(o.stockAsOf), .verbatim(o.version)))
            + "\n"
    }

    /// The dry run: every change, one line each, old → new.
    static func dryRunHead(_ o: CatalogImport.Outcome, file: String, _ m: MessageRenderer) -> String {
        let priced = o.changes.filter { $0.priceBefore != $0.priceAfter }.count
        let prices = priced > 0 ? Message("cli.import.report.dry_prices", count(priced, .listPrice)) : .empty
        var text = m.render(
            Message(
                "cli.import.report.dry_run", .text(file), .text(o.source.rawValue), .text(o.folder ?? o.database),
                count(o.changes.count, .sku),
                .verbatim(String(o.added.count)), .verbatim(String(o.changed.count)), .verbatim(String(o.removed.count)), .message(prices),
                .verbatim(o.changes.isEmpty ? "." : ":")))
        text += "\n"
        let width = o.changes.map(\.sku.rawValue.count).max() ?? 0
        for c in o.changes { text += "  " + line(c, width: width, m) + "\n" }
        return text
    }

    /// `BR-NF-M150-SOL  changed  stock 126000 → 120000, cost 14.62 → 15.62`.
    static func line(_ c: CatalogImport.Change, width: Int, _ m: MessageRenderer) -> String {
        let kind: MessageKey =
            c.before == nil && c.after != nil
            ? "cli.import.report.line_added"
            : c.after == nil && c.before != nil ? "cli.import.report.line_removed" : "cli.import.report.line_changed"
        var parts: [String] = []
        func pair(_ name: String, _ a: String?, _ b: String?) {
            if a != b { parts.append("\(name) \(a ?? "—") → \(b ?? "—")") }
        }
        pair("stock", c.before?.stock.decimalString, c.after?.stock.decimalString)
        pair("cost", c.before?.cost.decimalString, c.after?.cost.decimalString)
        // For a SKU new to the source, no minimum or multiple is not worth a word.
        if c.before != nil || c.after?.minOrder != .zero {
            pair("min_order", c.before?.minOrder.decimalString, c.after?.minOrder.decimalString)
        }
        if c.before != nil || c.after?.orderMultiple != .zero {
            pair("order_multiple", c.before?.orderMultiple.decimalString, c.after?.orderMultiple.decimalString)
        }
        pair("price", c.priceBefore?.statedString, c.priceAfter?.statedString)
        let sku = c.sku.rawValue + String(repeating: " ", count: max(0, width - c.sku.rawValue.count))
        let kinds: [MessageKey] = ["cli.import.report.line_added", "cli.import.report.line_removed", "cli.import.report.line_changed"]
        let kindWidth = kinds.map { m.render(Message($0)).count }.max() ?? 7
        return "\(sku)  \(m.render(Message(kind)).padding(kindWidth))  \(parts.joined(separator: ", "))"
    }

    static func list(_ skus: [SKU]) -> MessageArg {
        .verbatim(skus.isEmpty ? "" : " (" + skus.prefix(5).map(\.rawValue).joined(separator: ", ") + (skus.count > 5 ? ", …" : "") + ")")
    }

    enum Counted { case sku, row, listPrice }

    /// A count as the English report always wrote it (`1 SKU`, `12 rows`) and with its Russian plural.
    static func count(_ n: Int, _ what: Counted) -> MessageArg {
        let (en, ru): ((String, String), Plural.Forms)
        switch what {
        case .sku: (en, ru) = (("SKU", "SKUs"), Plural.Forms("артикул", "артикула", "артикулов"))
        case .row: (en, ru) = (("rows", "rows"), Plural.Forms("строка", "строки", "строк"))
        case .listPrice: (en, ru) = (("list price", "list prices"), Plural.Forms("цена прайса", "цены прайса", "цен прайса"))
        }
        return .bilingual(
            en: "\(n) \(n == 1 ? en.0 : en.1)", ru: Format(.ru).number(Quantity(whole: Int64(n))) + " " + ru.form(for: Int64(n)))
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
