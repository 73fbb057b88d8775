import QuoteCore

extension CatalogRules {
    /// Prices: tiers that rise with the quantity; regional lists nobody uses.
    static func checkPrices(_ c: Catalog, _ found: inout Findings) {
        let rows = found.rows
        let regions = Set(c.cities.values.map(\.region.rawValue))
        for sku in c.prices.keys.sorted() {
            guard let list = c.prices[sku] else { continue }
            for (region, tiers) in [("", list.base)] + list.regional.sorted(by: { $0.key < $1.key }).map({ ($0.key.rawValue, $0.value) }) {
                let label = sku.rawValue + (region.isEmpty ? "" : " (\(region))")
                if !region.isEmpty && !regions.contains(region), let first = tiers.first {
                    found.warning(
                        rows.issue(
                            "prices", [sku.rawValue, region, String(first.minQuantity.milli)], column: "region",
                            Message("rules.region_unused", .text(region), .text(sku.rawValue), .message(didYouMean(region, among: regions)))
                        ))
                }
                for (lower, higher) in zip(tiers, tiers.dropFirst()) where higher.price > lower.price {
                    found.warning(
                        rows.issue(
                            "prices", [sku.rawValue, region, String(higher.minQuantity.milli)], column: "price",
                            Message(
                                "rules.tier_rises", .text(label), .listPrice(higher.price), .figure(higher.minQuantity),
                                .listPrice(lower.price),
                                .figure(lower.minQuantity))))
                }
            }
        }
    }
}
