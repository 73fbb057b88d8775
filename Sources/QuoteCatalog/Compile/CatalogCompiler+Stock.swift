import QuoteCore

extension CatalogCompiler {
    /// Reads stock.csv: each source's offer of a SKU once, both known; each SKU's offers in source order.
    static func readStock(_ b: Build) -> [SKU: [StockOffer]] {
        var offers: [SKU: [StockOffer]] = [:]
        let reader = b.reader("stock.csv", ["source", "sku", "stock", "cost", "min_order", "order_multiple"], streaming: true)
        reader.forEachRow { row in
            guard let source = row.text("source"), let typed = row.text("sku") else { return }
            let knownSource = b.refs.check(source, in: "sources.csv", what: "source", row: row, column: "source")
            guard let sku = b.refs.checked(typed, in: "products.csv", what: "SKU", row: row, column: "sku"), knownSource else { return }
            // An empty min_order or order_multiple means no constraint; a bad one is reported.
            let minOrder = row.quantity("min_order", required: false) ?? .zero
            let multiple = row.quantity("order_multiple", required: false) ?? .zero
            guard let stock = row.quantity("stock"), let cost = row.money("cost") else { return }
            if offers[SKU(sku), default: []].contains(where: { $0.source.rawValue == source }) {
                row.fail("sku", Message("stock.twice", .text(source), .text(sku)))
                return
            }
            offers[SKU(sku), default: []].append(
                StockOffer(source: SourceID(source), sku: SKU(sku), stock: stock, cost: cost, minOrder: minOrder, orderMultiple: multiple))
        }
        for key in offers.keys { offers[key]?.sort { $0.source < $1.source } }
        return offers
    }
}
