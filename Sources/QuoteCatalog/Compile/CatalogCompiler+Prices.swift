import QuoteCore

extension CatalogCompiler {
    /// prices.csv's tiers as read, before they are checked as lists.
    struct PriceRows {
        var base: [SKU: [PriceTier]] = [:]
        var regional: [SKU: [RegionID: [PriceTier]]] = [:]
        /// `sku|region` → the `min_qty` cell of the first row of that list, where a list that does not start at 0 is reported.
        var first: [String: TableReader.Place] = [:]
        /// SKU → the rows of its that became a tier.
        var read: [String: Int] = [:]
    }

    /// Reads prices.csv: each product's base list and regional lists, each starting at quantity 0, a tier per
    /// quantity; and a base list for every product.
    static func readPrices(_ b: Build, products: [SKU: Product]) -> [SKU: PriceList] {
        let pricesReader = b.reader("prices.csv", ["sku", "region", "min_qty", "price"], optional: ["per"], streaming: true)
        pricesReader.count("sku")
        let rows = readPriceRows(pricesReader, refs: b.refs)
        // A product whose price rows failed (or all of prices.csv, with a broken header) has those errors: not also
        // a list that starts above 0 or no base price.
        let priceRows = pricesReader.counts(of: "sku")
        func failedPrices(_ sku: SKU) -> Bool { priceRows[sku.rawValue, default: 0] != rows.read[sku.rawValue, default: 0] }
        var prices: [SKU: PriceList] = [:]
        for sku in Set(rows.base.keys).union(rows.regional.keys) {
            let list = PriceList(base: rows.base[sku] ?? [], regional: rows.regional[sku] ?? [:])
            for (region, tiers) in [("", list.base)] + list.regional.map({ ($0.key.rawValue, $0.value) }) where !tiers.isEmpty {
                if tiers[0].minQuantity != .zero, !failedPrices(sku), let place = rows.first[sku.rawValue + "|" + region] {
                    pricesReader.fail(
                        "min_qty", at: place,
                        Message(
                            "prices.lowest_tier", .text("\(sku)" + (region.isEmpty ? "" : " (\(region))")), .figure(tiers[0].minQuantity)))
                }
            }
            prices[sku] = list
        }
        for sku in products.keys.sorted() where (prices[sku]?.base ?? []).isEmpty && pricesReader.isSound && !failedPrices(sku) {
            b.log.add("prices.csv", 1, 1, Message("prices.no_base", .text(sku.rawValue)))
        }
        return prices
    }

    /// The tiers of prices.csv's rows: each of a known SKU, one per quantity of a list.
    static func readPriceRows(_ pricesReader: TableReader, refs: References) -> PriceRows {
        var rows = PriceRows()
        pricesReader.forEachRow { row in
            guard let typed = row.text("sku") else { return }
            guard let sku = refs.checked(typed, in: "products.csv", what: "SKU", row: row, column: "sku") else { return }
            let region = row.optionalText("region")
            guard let minQty = row.quantity("min_qty"), let price = row.unitPrice("price", perColumn: "per") else { return }
            let tier = PriceTier(minQuantity: minQty, price: price)
            let existing = region.map { rows.regional[SKU(sku)]?[RegionID($0)] ?? [] } ?? rows.base[SKU(sku)] ?? []
            if existing.contains(where: { $0.minQuantity == minQty }) {
                row.fail("min_qty", Message("prices.twice", .text(sku + (region.map { " (\($0))" } ?? "")), .figure(minQty)))
                return
            }
            if rows.first[sku + "|" + (region ?? "")] == nil { rows.first[sku + "|" + (region ?? "")] = row.place("min_qty") }
            rows.read[sku, default: 0] += 1
            if let region {
                rows.regional[SKU(sku), default: [:]][RegionID(region), default: []].append(tier)
            } else {
                rows.base[SKU(sku), default: []].append(tier)
            }
        }
        return rows
    }
}
