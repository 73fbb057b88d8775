import QuoteCatalog
import QuoteCore

/// What `quote catalog import` prints: the summary line, each change for a dry run, and what was done with
/// the SKUs the file does not list.
enum ImportReport {
    static func text(_ o: CatalogImport.Outcome, file: String) -> String {
        var text = o.dryRun ? dryRunHead(o, file: file) : summary(o, file: file)
        if let mapping = o.mapping { text += "Columns and articles mapped by \(mapping).\n" }
        if !o.missing.isEmpty {
            let what: String
            switch o.missingPolicy {
            case .keep: what = "kept as they were (--missing keep)"
            case .zero: what = "set to stock 0 (--missing zero, the default; --missing keep or remove to choose otherwise)"
            case .remove: what = "no longer offered by it (--missing remove)"
            }
            let skus = o.missing.prefix(5).map(\.rawValue).joined(separator: ", ") + (o.missing.count > 5 ? ", …" : "")
            text +=
                "\(o.missing.count) SKU\(o.missing.count == 1 ? "" : "s") of \(o.source) not in the file (\(skus)) \(o.dryRun ? "would be" : "were") \(what).\n"
        }
        return text
    }

    static func summary(_ o: CatalogImport.Outcome, file: String) -> String {
        var text = "Imported \(file) as the stock of \(o.source) into \(o.database)"
        if let folder = o.folder { text += " and \(folder)/stock.csv" }
        text += ": \(o.rows) rows, \(o.changed.count) changed\(list(o.changed)), \(o.added.count) added\(list(o.added)), "
        text += "\(o.removed.count) removed\(list(o.removed))"
        let priced = o.changes.filter { $0.priceBefore != $0.priceAfter }.map(\.sku)
        if !priced.isEmpty { text += ", \(priced.count) list price\(priced.count == 1 ? "" : "s") changed\(list(priced))" }
        return text + "; stock as of \(o.stockAsOf), version \(o.version).\n"
    }

    /// The dry run: every change, one line each, old → new.
    static func dryRunHead(_ o: CatalogImport.Outcome, file: String) -> String {
        var text = "Dry run, nothing written: importing \(file) as the stock of \(o.source) into \(o.folder ?? o.database) would change "
        text +=
            "\(o.changes.count) SKU\(o.changes.count == 1 ? "" : "s") (\(o.added.count) added, \(o.changed.count) changed, \(o.removed.count) removed"
        let priced = o.changes.filter { $0.priceBefore != $0.priceAfter }.count
        text += priced > 0 ? ", \(priced) list price\(priced == 1 ? "" : "s"))" : ")"
        text += o.changes.isEmpty ? ".\n" : ":\n"
        let width = o.changes.map(\.sku.rawValue.count).max() ?? 0
        for c in o.changes { text += "  " + line(c, width: width) + "\n" }
        return text
    }

    /// `BR-NF-M150-SOL  changed  stock 126000 → 120000, cost 14.62 → 15.62`.
    static func line(_ c: CatalogImport.Change, width: Int) -> String {
        let kind = c.before == nil && c.after != nil ? "added" : c.after == nil && c.before != nil ? "removed" : "changed"
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
        return "\(sku)  \(kind.padding(7))  \(parts.joined(separator: ", "))"
    }

    static func list(_ skus: [SKU]) -> String {
        skus.isEmpty ? "" : " (" + skus.prefix(5).map(\.rawValue).joined(separator: ", ") + (skus.count > 5 ? ", …" : "") + ")"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
